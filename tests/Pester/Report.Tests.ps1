#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 18, point 3: the rollout report, as objects checked against the sandbox's own state, and as an HTML page
# opened in a real browser (Debian's chromium, installed by build.ps1's test command as wimtools is): it loads without
# console messages, the dumped DOM carries the sandbox's numbers and the screenshot shows the chart in its colours,
# with the assigned area as high, against the enrolled one, as the numbers say.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 300
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:Chromium = Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

    # Two reassignments the tenant will not finish while the suite runs: they are the report's InProgress.
    Set-SandboxControl $Sandbox @{ reassignmentDelayMs = 3600000 }
    Get-BulkEnrolledDevice -Unassigned -EnrolledBy windows-bulkenroll-user1@contoso.com | Select-Object -First 2 |
        Set-DeviceAssignment -UserPrincipalName adele.vance@contoso.com -NoWait | Out-Null

    # What the report must say, worked out from the sandbox's own records (not through the module): the bulk-enrolled
    # devices of the connection's device space, each in exactly one bucket.
    function Get-ExpectedRollout {
        $spaceId = (Get-BulkEnrollConnection).DeviceSpaceId
        $state = Get-SandboxState $Sandbox
        $generic = $state.devices | Where-Object { $_.bulkEnrolled -and $_.dmPartitionId -eq $spaceId }
        $bucket = {
            param($d)
            if ($d.registrationState -ne 'ACTIVE') { 'Retired' }
            elseif ($d.ownerUid -notlike 'windows-bulkenroll*') { 'Assigned' }
            elseif ($d.lastReassignmentStatus -eq 'INITIATED') { 'InProgress' }
            elseif ($d.lastReassignmentStatus -eq 'FAILED') { 'Failed' }
            else { 'Waiting' }
        }
        $rows = @{}
        foreach ($d in $generic) {
            $upn = $d.enrollerUid
            if (-not $rows[$upn]) { $rows[$upn] = @{ Enrolled = 0; Assigned = 0; Waiting = 0; InProgress = 0; Failed = 0; Retired = 0 } }
            $rows[$upn].Enrolled++
            $rows[$upn][(& $bucket $d)]++
        }
        $rows
    }

    # Runs headless Chromium on a page; returns the dumped DOM and every console message it logged.
    function Invoke-Chromium([string] $Page, [string] $Screenshot) {
        $err = Join-Path $TestDrive "chromium-$([guid]::NewGuid()).err"
        $common = @('--headless', '--disable-gpu', '--no-sandbox', '--no-first-run', '--enable-logging=stderr', '--v=0',
            "--user-data-dir=$(Join-Path $TestDrive 'profile')")
        $dom = & $Chromium.Source @common --dump-dom "file://$Page" 2>$err
        $LASTEXITCODE | Should -Be 0 -Because (Get-Content $err -Raw)
        $console = @(Get-Content $err | Where-Object { $_ -match ':CONSOLE[:(]' })
        if ($Screenshot) {
            & $Chromium.Source @common "--screenshot=$Screenshot" '--window-size=1000,1200' '--hide-scrollbars' "file://$Page" 2>>$err | Out-Null
            $LASTEXITCODE | Should -Be 0 -Because (Get-Content $err -Raw)
            $console += @(Get-Content $err | Where-Object { $_ -match ':CONSOLE[:(]' })
        }
        [pscustomobject]@{ Dom = ($dom -join "`n"); Console = $console }
    }

    # A PNG decoder just big enough for Chromium's screenshots (8-bit RGB or RGBA, not interlaced): the pixels, so the
    # test can look at what a person would see.
    if (-not ('BulkEnrollTests.PngImage' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
namespace BulkEnrollTests {
public sealed class PngImage {
    public int Width; public int Height; public byte[] Rgb;
    public static PngImage Read(string path) {
        byte[] file = File.ReadAllBytes(path);
        int pos = 8, width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        while (pos < file.Length) {
            int length = (file[pos] << 24) | (file[pos + 1] << 16) | (file[pos + 2] << 8) | file[pos + 3];
            string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            int data = pos + 8;
            if (type == "IHDR") {
                width = (file[data] << 24) | (file[data + 1] << 16) | (file[data + 2] << 8) | file[data + 3];
                height = (file[data + 4] << 24) | (file[data + 5] << 16) | (file[data + 6] << 8) | file[data + 7];
                if (file[data + 8] != 8 || file[data + 12] != 0) throw new NotSupportedException("8-bit, non-interlaced PNG only");
                channels = file[data + 9] == 6 ? 4 : file[data + 9] == 2 ? 3 : throw new NotSupportedException("RGB or RGBA PNG only");
            }
            else if (type == "IDAT") idat.Write(file, data, length);
            pos = data + length + 4;
        }
        idat.Position = 0;
        var raw = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        int stride = width * channels;
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int filter = bytes[y * (stride + 1)];
            int src = y * (stride + 1) + 1, dst = y * stride;
            for (int i = 0; i < stride; i++) {
                int a = i >= channels ? pixels[dst + i - channels] : 0;
                int b = y > 0 ? pixels[dst - stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[dst - stride + i - channels] : 0;
                int x = bytes[src + i];
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int predictor = filter == 0 ? 0 : filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2
                    : pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                pixels[dst + i] = (byte)(x + predictor);
            }
        }
        var rgb = new byte[width * height * 3];
        for (int i = 0, j = 0; i < pixels.Length; i += channels, j += 3) { rgb[j] = pixels[i]; rgb[j + 1] = pixels[i + 1]; rgb[j + 2] = pixels[i + 2]; }
        return new PngImage { Width = width, Height = height, Rgb = rgb };
    }
    bool Is(int x, int y, string hex) {
        int k = (y * Width + x) * 3;
        int r = Convert.ToInt32(hex.Substring(1, 2), 16), g = Convert.ToInt32(hex.Substring(3, 2), 16), b = Convert.ToInt32(hex.Substring(5, 2), 16);
        return Math.Abs(Rgb[k] - r) <= 2 && Math.Abs(Rgb[k + 1] - g) <= 2 && Math.Abs(Rgb[k + 2] - b) <= 2;
    }
    public int Count(string hex) { int n = 0; for (int y = 0; y < Height; y++) for (int x = 0; x < Width; x++) if (Is(x, y, hex)) n++; return n; }
    public int CountInColumn(int x, string hex) { int n = 0; for (int y = 0; y < Height; y++) if (Is(x, y, hex)) n++; return n; }
    public int RightmostColumn(string hex) { for (int x = Width - 1; x >= 0; x--) if (CountInColumn(x, hex) > 0) return x; return -1; }
}
}
'@
    }

    $script:EnrolledColour = '#4c78a8'
    $script:AssignedColour = '#f58518'
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Get-BulkEnrollRolloutReport' {
    It 'counts every generic user''s devices as the tenant holds them, then the total' {
        $expected = Get-ExpectedRollout
        $rows = @(Get-BulkEnrollRolloutReport)
        $rows | ForEach-Object { $_ | Should -BeOfType ([BulkEnroll.RolloutProgress]) }
        $rows[-1].IsTotal | Should -BeTrue
        $users = $rows | Where-Object { -not $_.IsTotal }
        # Every generic user has a row, the last seeded one (which enrolled nothing) too, with zeros.
        $users.UserPrincipalName | Should -Be @(1..4 | ForEach-Object { "windows-bulkenroll-user$_@contoso.com" })
        ($users | Where-Object UserPrincipalName -EQ 'windows-bulkenroll-user4@contoso.com').Enrolled | Should -Be 0
        foreach ($row in $users | Where-Object Enrolled -GT 0) {
            $want = $expected[$row.UserPrincipalName]
            foreach ($field in 'Enrolled', 'Assigned', 'Waiting', 'InProgress', 'Failed', 'Retired') {
                $row.$field | Should -Be $want[$field] -Because "$($row.UserPrincipalName) $field"
            }
            ($row.Assigned + $row.Waiting + $row.InProgress + $row.Failed + $row.Retired) | Should -Be $row.Enrolled
        }
        foreach ($field in 'Enrolled', 'Assigned', 'Waiting', 'InProgress', 'Failed', 'Retired') {
            $rows[-1].$field | Should -Be ($users | Measure-Object $field -Sum).Sum -Because "the total's $field"
        }
        # The seeded tenant has every kind, so no bucket is trivially right by being empty.
        $rows[-1].InProgress | Should -Be 2
        $rows[-1].Assigned, $rows[-1].Waiting, $rows[-1].Failed, $rows[-1].Retired | ForEach-Object { $_ | Should -BeGreaterThan 0 }
        $rows[-1].PercentAssigned | Should -Be ([math]::Round(100 * $rows[-1].Assigned / ($rows[-1].Enrolled - $rows[-1].Retired), 1))
    }

    It 'reports the generic users piped from Get-BulkEnrollUser, with their own total' {
        $rows = @(Get-BulkEnrollUser windows-bulkenroll-user2* | Get-BulkEnrollRolloutReport)
        $rows.Count | Should -Be 2
        $rows[0].UserPrincipalName | Should -Be 'windows-bulkenroll-user2@contoso.com'
        $rows[1].IsTotal | Should -BeTrue
        $rows[1].Enrolled | Should -Be $rows[0].Enrolled
        $rows[1].Assigned | Should -Be $rows[0].Assigned
    }

    It 'names a generic user that does not exist and still reports the others' {
        $rows = @(Get-BulkEnrollRolloutReport windows-bulkenroll-nosuch@contoso.com, windows-bulkenroll-user1* -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems.FullyQualifiedErrorId | Should -Be 'UserNotFound,BulkEnroll.Commands.GetBulkEnrollRolloutReportCommand'
        $problems.TargetObject | Should -Be 'windows-bulkenroll-nosuch@contoso.com'
        $rows.UserPrincipalName | Should -Contain 'windows-bulkenroll-user1@contoso.com'
    }

    It 'writes no file under -WhatIf, and still returns the report' {
        $path = Join-Path $TestDrive 'whatif.html'
        $rows = @(Get-BulkEnrollRolloutReport -HtmlPath $path -WhatIf)
        $rows[-1].IsTotal | Should -BeTrue
        $path | Should -Not -Exist
    }

    It 'refuses an HTML path in a missing folder before asking the tenant anything' {
        Clear-SandboxRequest $Sandbox
        { Get-BulkEnrollRolloutReport -HtmlPath (Join-Path $TestDrive 'no/such/folder/report.html') -ErrorAction Stop } |
            Should -Throw -ErrorId 'HtmlFolderNotFound,BulkEnroll.Commands.GetBulkEnrollRolloutReportCommand'
        @(Get-SandboxRequest $Sandbox).Count | Should -Be 0
    }
}

Describe 'The HTML report in a real browser' {
    BeforeAll {
        $Chromium | Should -Not -BeNullOrEmpty -Because 'the page is checked in headless Chromium: apt-get install -y chromium (build.ps1 -Task Test does)'
        $script:Page = Join-Path $TestDrive 'rollout.html'
        Push-Location $TestDrive
        try { $script:Rows = @(Get-BulkEnrollRolloutReport -HtmlPath rollout.html) } finally { Pop-Location }
        $script:Total = $Rows[-1]
        $script:Html = Get-Content $Page -Raw
        $script:Shot = Join-Path $TestDrive 'rollout.png'
        $script:Browser = Invoke-Chromium -Page $Page -Screenshot $Shot
    }

    It 'is written where -HtmlPath says, relative to the current location' {
        $Page | Should -Exist
        $Html | Should -Match '^<!DOCTYPE html>'
    }

    It 'is self-contained: no script, and nothing fetched from anywhere' {
        $Html | Should -Not -Match '<script'
        $Html | Should -Not -Match '\b(src|href)\s*='
        $Html | Should -Not -Match 'url\(|@import|@font-face'
        $Html | Should -Match '<style>'
        $Html | Should -Match '<svg '
    }

    It 'loads in Chromium without a console message' {
        $Browser.Console | Should -BeNullOrEmpty
    }

    It 'has a console check that sees a broken page' {
        $bad = Join-Path $TestDrive 'broken.html'
        Set-Content $bad '<!DOCTYPE html><html><body><script>throw new Error("chart failed")</script></body></html>'
        (Invoke-Chromium -Page $bad).Console | Should -Match 'chart failed'
    }

    It 'shows the sandbox''s numbers in the page the browser rendered' {
        $expected = Get-ExpectedRollout
        $sum = { param($f) ($expected.Values | ForEach-Object { $_[$f] } | Measure-Object -Sum).Sum }
        foreach ($field in 'Enrolled', 'Assigned', 'Waiting', 'InProgress', 'Failed', 'Retired') {
            $Browser.Dom | Should -Match ('data-field="{0}">{1}<' -f $field, (& $sum $field)) -Because "the $field tile"
        }
        $Browser.Dom | Should -Match ('data-series="enrolled">{0}<' -f $Total.Enrolled)
        $Browser.Dom | Should -Match ('data-series="assigned">{0}<' -f $Total.Assigned)
        foreach ($row in $Rows | Where-Object { -not $_.IsTotal }) {
            $Browser.Dom | Should -Match ('<th scope="row">{0}</th><td>{1}</td><td>{2}</td>' -f [regex]::Escape($row.UserPrincipalName), $row.Enrolled, $row.Assigned)
        }
    }

    It 'draws the chart: both areas, the assigned one as high against the enrolled one as the numbers say' {
        $image = [BulkEnrollTests.PngImage]::Read($Shot)
        $image.Count($EnrolledColour) | Should -BeGreaterThan 5000 -Because 'the enrolled area is drawn'
        $image.Count($AssignedColour) | Should -BeGreaterThan 5000 -Because 'the assigned area is drawn'
        # Near the right end both areas stand at today's totals: orange from the baseline up to Assigned, blue above
        # it up to Enrolled.
        $x = $image.RightmostColumn($AssignedColour) - 3
        $x | Should -BeGreaterThan 100
        $orange = $image.CountInColumn($x, $AssignedColour)
        $blue = $image.CountInColumn($x, $EnrolledColour)
        ($orange / ($orange + $blue)) | Should -BeGreaterThan ($Total.Assigned / $Total.Enrolled - 0.02)
        ($orange / ($orange + $blue)) | Should -BeLessThan ($Total.Assigned / $Total.Enrolled + 0.02)
    }
}
