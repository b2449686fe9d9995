#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Every documented example (help of the BUILT module, README.md, about_BulkEnroll) runs as written in its own
# pwsh process against a sandbox tenant. The one rewrite is the tenant's address (the documented
# https://na1.mobileiron.com API and https://login.mobileiron.com discovery hosts, and serve's default https address
# https://127.0.0.1:5443, become the sandbox); the rest is the
# context an admin has when typing it: variables ($api, $la...), files (map.csv, .\pkg\*.ppkg...), a connection,
# users and devices in the tenant. An example fails when it writes an error, throws or exits non-zero, unless its
# context documents the outcome. A new example needs no entry here: it runs in the default context and must pass.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    . (Join-Path $PSScriptRoot 'Examples.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $examples = @(Get-DocumentedExample -RepoRoot $RepoRoot)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    . (Join-Path $PSScriptRoot 'Examples.Common.ps1')
    $script:ModulePath = Get-BulkEnrollTestModulePath
    Import-Module $ModulePath -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 400
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:TenantAddress = $Sandbox.Uri.AbsoluteUri.TrimEnd('/')
    $script:Root = Join-Path ([IO.Path]::GetTempPath()) "bulkenroll-examples-$([guid]::NewGuid())"
    $script:Vault = New-Item -ItemType Directory -Path (Join-Path $Root 'vault')
    $script:Passwords = @{}
    $script:UsedDevices = [Collections.Generic.HashSet[long]]::new()
    $script:Windows = $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop'

    # The pwsh running this suite, for the examples: a dotnet tool runs as dotnet + pwsh.dll.
    $script:Pwsh = [Environment]::ProcessPath
    $script:PwshArguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh) -eq 'dotnet') { $script:PwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }

    function Remove-GenericUser([string[]] $Upn) {
        foreach ($name in $Upn) {
            if (Get-BulkEnrollUser -UserPrincipalName $name -ErrorAction SilentlyContinue) {
                Remove-BulkEnrollUser -UserPrincipalName $name -RetireDevices -Confirm:$false -ErrorAction Stop
            }
        }
    }

    # Returns the generic user's password, creating the user if it is missing (the tenant gives no password back,
    # so one made earlier is remembered; one made by an example gets a new one).
    function Confirm-GenericUser([string] $Upn) {
        if (-not (Get-BulkEnrollUser -UserPrincipalName $Upn -ErrorAction SilentlyContinue)) {
            $script:Passwords[$Upn] = (New-BulkEnrollUser -UserPrincipalName $Upn -ErrorAction Stop).Credential.Password
        }
        if (-not $script:Passwords[$Upn]) {
            Remove-GenericUser $Upn
            $script:Passwords[$Upn] = (New-BulkEnrollUser -UserPrincipalName $Upn -ErrorAction Stop).Credential.Password
        }
        $script:Passwords[$Upn]
    }

    function New-ExamplePackage([string] $Upn, [string] $Folder, [string] $DiscoveryUrl = $TenantAddress, [string] $Template = 'PAR-%SERIAL%') {
        $secret = Confirm-GenericUser $Upn
        New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $secret -DeviceNameTemplate $Template -DiscoveryServiceUrl $DiscoveryUrl `
            -OutputPath $Folder -Force -WarningAction SilentlyContinue -ErrorAction Stop
    }

    # The Paris site's package as an admin built it, local administrator included, its definition saved beside it.
    function New-RotationPackage([string] $Folder) {
        $secret = Confirm-GenericUser $paris
        $admin = [pscredential]::new('LocalAdmin', (ConvertTo-SecureString 'Adm1n-Pass-2024!' -AsPlainText -Force))
        $script:Built = New-BulkEnrollPackage -UserPrincipalName $paris -Secret $secret -LocalAdminCredential $admin -DiscoveryServiceUrl $TenantAddress `
            -OutputPath (New-Item -ItemType Directory -Force $Folder).FullName -Force -WarningAction SilentlyContinue -ErrorAction Stop
    }

    # Virtual PCs that apply the user's package and enroll, as technicians' PCs would.
    function Add-EnrolledDevice([string] $Upn, [string] $Template, [string[]] $Serial) {
        $package = New-ExamplePackage -Upn $Upn -Folder (Join-Path $Root 'enroll') -Template $Template
        foreach ($s in $Serial) {
            $out = & dotnet (Get-SandboxAssemblyPath) enroll --package $package.Path --serial $s --wired yes --verbose no 2>&1
            if ($LASTEXITCODE -ne 0) { throw "Virtual enrollment of $s failed: $out" }
        }
    }

    # A CSV such as admins fill in: devices that wait for their user (each used once in the suite) and real users.
    function Write-AssignmentCsv([string] $Path, [int] $Count = 3) {
        $waiting = Get-BulkEnrolledDevice -Unassigned -IncludeSerialNumber -EnrolledBy windows-bulkenroll-user1@contoso.com |
            Where-Object { $_.RegistrationState -eq 'ACTIVE' -and $_.SerialNumber -and $script:UsedDevices.Add($_.Id) } |
            Select-Object -First $Count
        if (@($waiting).Count -lt $Count) { throw 'The sandbox has run out of waiting devices for the examples.' }
        $people = 'adele.vance@contoso.com', 'alex.wilber@contoso.com'
        $i = 0
        $waiting | ForEach-Object { [pscustomobject]@{ SerialNumber = $_.SerialNumber; UserPrincipalName = $people[$i++ % 2] } } |
            Export-Csv -Path $Path -NoTypeInformation
    }

    function Get-ChangeRequest {
        @(Get-SandboxRequest $Sandbox | Where-Object { $_.Method -in 'POST', 'PUT', 'DELETE' -and $_.Path -like '/api/*' })
    }

    Add-EnrolledDevice -Upn windows-bulkenroll-site-paris@contoso.com -Template 'PAR-%SERIAL%' -Serial 5CG4120XKQ, 5CG4120XKR
    Add-EnrolledDevice -Upn windows-bulkenroll-lab@contoso.com -Template 'LAB-%SERIAL%' -Serial LAB0001, LAB0002

    # What each example assumes beyond the default (a connection unless the example connects itself; $api, $la,
    # Wi-Fi keys $k/$key/$wifi): Setup runs here before it (tenant state, files in its working folder $Work),
    # Prelude runs in its pwsh first (variables an admin made earlier in the session), Typed answers its prompts,
    # Check replaces the default verdict (exit code 0, nothing on the error stream).
    $paris = 'windows-bulkenroll-site-paris@contoso.com'
    $packagesForExistingUsers = { New-ExamplePackage -Upn $paris -Folder "$Work/pkg"; New-ExamplePackage -Upn windows-bulkenroll-lab@contoso.com -Folder "$Work/pkg" -Template 'LAB-%SERIAL%' }
    $script:Contexts = @{
        'README 4'                           = @{ Typed = { $Sandbox.Admin.UserName, $Sandbox.Admin.GetNetworkCredential().Password } }
        'README 7'                           = @{ Setup = { New-RotationPackage "$Work/pkg" }
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty
                                                            (Get-BulkEnrollPackage "$Work/pkg/windows-bulkenroll-site-paris.ppkg").PackageId | Should -Not -Be $Built.PackageId } }
        'README 6'                           = @{ Setup = { Write-AssignmentCsv "$Work/reseller.csv" 2 }
                                                  Check = { param($Run) $Run.ExitCode | Should -Be 0; $Run.StdErr | Should -BeNullOrEmpty; $Run.StdOut | Should -Match ': 2 row\(s\): 2 assigned' } }
        'README 1'                           = @{ Setup = { Remove-GenericUser $paris; Write-AssignmentCsv "$Work/assign.csv" }
                                                  Check = { param($Run) $Run.StdOut | Should -Match 'What if' } }
        'Connect-BulkEnroll 1'               = @{ Typed = { $Sandbox.Admin.UserName, $Sandbox.Admin.GetNetworkCredential().Password } }
        'Connect-BulkEnroll 6'               = @{ Setup = { Set-Content "$Work/test-tenant.sha256" $Sandbox.CertificateSha256 } }
        'Connect-BulkEnroll 7'               = @{ Setup = { $script:ExampleProxy = Start-TestProxy -UserName 'proxyuser' -Password 'Pr0xy-Example-1' }; Typed = { 'proxyuser', 'Pr0xy-Example-1' } }
        'Connect-BulkEnroll 3'               = @{ Setup = { New-Item -ItemType Directory "$Work/ProgramData/BulkEnroll" | Out-Null; $Sandbox.Admin | Export-Clixml "$Work/ProgramData/BulkEnroll/ivanti-api.xml" } }
        'Disconnect-BulkEnroll 2'            = @{ Setup = { Write-AssignmentCsv "$Work/assign.csv" } }
        'Get-BulkEnrollConnection 3'         = @{ Setup = { Confirm-GenericUser $paris | Out-Null; Confirm-GenericUser windows-bulkenroll-site-lyon@contoso.com | Out-Null } }
        'Get-BulkEnrolledDevice 2'           = @{ Setup = { Confirm-GenericUser $paris | Out-Null } }
        'Get-BulkEnrolledDevice 4'           = @{ Check = {
                param($Run)
                # The backlog check demonstrates a failing validation: it fails, naming the devices, when active
                # devices have waited more than a week (the seeded tenant has some).
                $late = @(Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE | Where-Object EnrolledAt -lt (Get-Date).AddDays(-7))
                if ($late) { $Run.ExitCode | Should -Be 3; $late.Name | Where-Object { $Run.StdOut.Contains($_) } | Should -Not -BeNullOrEmpty -Because $Run.StdOut }
                else { $Run.ExitCode | Should -Be 0 }
                $Run.StdErr | Should -BeNullOrEmpty } }
        'Get-BulkEnrollLocalEnrollment 1'    = @{ SkipBecause = 'it reads the MDM enrollments from the Windows registry' }
        'Get-BulkEnrollLocalEnrollment 2'    = @{ SkipBecause = 'it reads the MDM enrollments from the Windows registry' }
        'Get-BulkEnrollLocalEnrollment 3'    = @{ SkipBecause = 'it needs a PC MDM-enrolled under a generic user (Windows registry)' }
        'Get-BulkEnrollPackage 1'            = @{ Setup = { New-ExamplePackage -Upn $paris -Folder "$Work/pkg" | Out-Null } }
        'Get-BulkEnrollPackage 2'            = @{ Setup = { New-ExamplePackage -Upn $paris -Folder "$Work/pkg" | Out-Null; New-ExamplePackage -Upn windows-bulkenroll-lab@contoso.com -Folder "$Work/pkg/lab" | Out-Null } }
        'Get-BulkEnrollPackage 3'            = @{ Setup = $packagesForExistingUsers }
        'Get-BulkEnrollUser 4'               = @{ Setup = $packagesForExistingUsers }
        'New-BulkEnrollPackage 1'            = @{ Setup = { Remove-GenericUser $paris }; Typed = { 'Adm1n-Pass-2024!', 'Wifi-Key-2024!' } }
        'New-BulkEnrollPackage 2'            = @{ Setup = { Remove-GenericUser windows-bulkenroll-site-lyon@contoso.com }
                                                  Prelude = '$created = New-BulkEnrollUser -Name site-lyon -Domain contoso.com; Set-Secret -Name $created.UserPrincipalName -Secret $created.Credential' }
        'New-BulkEnrollPackage 3'            = @{ Setup = { Remove-GenericUser windows-bulkenroll-pkg-lab-1@contoso.com, windows-bulkenroll-pkg-lab-2@contoso.com }
                                                  Prelude = '$users = New-BulkEnrollUser -Name pkg-lab -Domain contoso.com -Count 2' }
        'New-BulkEnrollPackage 4'            = @{ SkipBecause = 'ICD.exe (Windows Configuration Designer) is a Windows program' }
        'New-BulkEnrollUser 1'               = @{ Setup = { Remove-GenericUser $paris, windows-bulkenroll-site-lyon@contoso.com } }
        'New-BulkEnrollUser 2'               = @{ Setup = { Remove-GenericUser $paris } }
        'New-BulkEnrollUser 3'               = @{ Setup = { Remove-GenericUser (1..3 | ForEach-Object { "windows-bulkenroll-lab-$_@contoso.com" }) } }
        'New-BulkEnrollUser 4'               = @{
            # A re-run: one user exists already and is expected; the new ones' credentials land in the vault.
            Setup = { Remove-GenericUser windows-bulkenroll-csv-1@contoso.com; Confirm-GenericUser windows-bulkenroll-csv-2@contoso.com | Out-Null
                      'windows-bulkenroll-csv-1@contoso.com', 'windows-bulkenroll-csv-2@contoso.com' | ForEach-Object { [pscustomobject]@{ UserPrincipalName = $_ } } | Export-Csv "$Work/generic-users.csv" -NoTypeInformation }
            Check = { param($Run) $Run.ExitCode | Should -Be 0; $Run.StdErr | Should -BeNullOrEmpty; Test-Path "$Vault/windows-bulkenroll-csv-1@contoso.com.xml" | Should -BeTrue } }
        'Remove-BulkEnrollUser 1'            = @{ Setup = { Confirm-GenericUser windows-bulkenroll-lab-3@contoso.com | Out-Null }; StdIn = 'Y'
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty; Get-BulkEnrollUser windows-bulkenroll-lab-3@contoso.com -ErrorAction SilentlyContinue | Should -BeNullOrEmpty } }
        'Remove-BulkEnrollUser 3'            = @{ Setup = { Confirm-GenericUser $paris | Out-Null } }
        'Remove-BulkEnrollUser 4'            = @{ Setup = { Confirm-GenericUser windows-bulkenroll-lab-1@contoso.com | Out-Null }; StdIn = 'Y'
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty; $Run.StdOut | Should -Match 'What if'
                                                            Get-BulkEnrollUser windows-bulkenroll-lab-1@contoso.com -ErrorAction SilentlyContinue | Should -BeNullOrEmpty } }
        # The site's package creates a local administrator (the $la every example has): -Path rebuilds it, -WhatIf lists it.
        'Reset-BulkEnrollUserPassword 1'     = @{ Setup = { New-RotationPackage "$Work/pkg" }
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty; $Run.StdOut | Should -Match 'site-paris'
                                                            (Get-BulkEnrollPackage "$Work/pkg/windows-bulkenroll-site-paris.ppkg").PackageId | Should -Not -Be $Built.PackageId } }
        'Reset-BulkEnrollUserPassword 2'     = @{ Setup = { New-RotationPackage "$Work/pkg" }
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty; $Run.StdOut | Should -Match 'What if:.*rebuild 1 package'
                                                            (Get-BulkEnrollPackage "$Work/pkg/windows-bulkenroll-site-paris.ppkg").PackageId | Should -Be $Built.PackageId } }
        'Reset-BulkEnrollUserPassword 3'     = @{ Setup = { Confirm-GenericUser $paris | Out-Null; New-Item -ItemType Directory "$Work/pkg" | Out-Null } }
        'Set-DeviceAssignment 1'             = @{ Setup = { Write-AssignmentCsv "$Work/map.csv" } }
        'Set-DeviceAssignment 2'             = @{ Setup = { Write-AssignmentCsv "$Work/map.csv" }
                                                  # The dry run assigned nothing: the real run that follows did all of it.
                                                  Check = { param($Run) $Run.StdErr | Should -BeNullOrEmpty; (Import-Csv "$Work/assignment-log.csv").Status | Should -Be @('Assigned', 'Assigned', 'Assigned') } }
        'Set-DeviceAssignment 4'             = @{ Setup = { Write-AssignmentCsv "$Work/map.csv" } }
        'Set-DeviceAssignment 5'             = @{ Setup = { New-Item -ItemType Directory "$Work/sites" | Out-Null; Write-AssignmentCsv "$Work/sites/paris.csv" 2; Write-AssignmentCsv "$Work/sites/lyon.csv" 2 } }
        'Set-DeviceAssignment 6'             = @{ Setup = { Write-AssignmentCsv "$Work/map.csv" } }
        'Set-DeviceAssignment 7'             = @{
            # The reseller's list: two PCs that enrolled and one that has not yet; nothing failed, so exit 0.
            Setup = { Write-AssignmentCsv "$Work/reseller.csv" 2; [pscustomobject]@{ SerialNumber = 'NOTYET0001'; UserPrincipalName = 'adele.vance@contoso.com' } | Export-Csv "$Work/reseller.csv" -Append -NoTypeInformation }
            Check = { param($Run) $Run.ExitCode | Should -Be 0; $Run.StdErr | Should -BeNullOrEmpty; $Run.StdOut | Should -Match '2 assigned, .*1 not enrolled yet, 0 failed'; $Run.StdOut | Should -Match 'NOTYET0001' } }
        'Test-BulkEnrollPackage 1'           = @{ Setup = { New-ExamplePackage -Upn $paris -Folder "$Work/pkg" | Out-Null } }
        'Test-BulkEnrollPackage 2'           = @{ Setup = $packagesForExistingUsers }
        'Test-BulkEnrollPackage 3'           = @{ Setup = $packagesForExistingUsers }
        'Test-BulkEnrollPackage 4'           = @{ Setup = { Remove-GenericUser windows-bulkenroll-gate@contoso.com }
                                                  # Made in an earlier session: the example connects itself.
                                                  Prelude = 'Connect-BulkEnroll $context.TenantUri $api; $created = New-BulkEnrollUser -Name gate -Domain contoso.com; $upn = $created.UserPrincipalName; $secret = $created.Credential.Password; Disconnect-BulkEnroll' }
        'Test-BulkEnrollPackage 5'           = @{ Setup = { New-ExamplePackage -Upn $paris -Folder "$Work/pkg" -DiscoveryUrl $Sandbox.HttpsUri.AbsoluteUri.TrimEnd('/') | Out-Null } }
        'about_BulkEnroll 2'                 = @{ Setup = { Write-AssignmentCsv "$Work/map.csv" } }
        'about_BulkEnroll 3'                 = @{ Setup = $packagesForExistingUsers }
    }

    # Runs one example in a new pwsh, in its own working folder, and returns what it printed and its exit code.
    function Invoke-Example($Example, [hashtable] $Context, [string] $Work) {
        # The documented tenant hosts, and the https address `serve` uses by default (for the pinned-certificate example).
        $code = $Example.Code -replace 'https://(na1|login)\.mobileiron\.com', $TenantAddress -replace 'https://127\.0\.0\.1:5443', $Sandbox.HttpsUri.AbsoluteUri.TrimEnd('/')
        # The documented corporate proxy, when the example's context started a real one.
        if ($ExampleProxy) { $code = $code -replace 'http://proxy\.contoso\.com:8080', $ExampleProxy.Uri.AbsoluteUri.TrimEnd('/') }
        $pester = $code -match '(?m)^\s*(Describe|It)\s'
        $typed = if ($Context.Typed) { @(& $Context.Typed) } else { @() }
        $settings = @{
            TenantUri = $TenantAddress; Vault = $Vault.FullName; Typed = $typed
            ApiUser = $Sandbox.Admin.UserName; ApiPassword = $Sandbox.Admin.GetNetworkCredential().Password
            # A connection, unless the example's first command of the module makes it.
            Connect = [regex]::Match($code, '\b(Connect|Disconnect|Get|New|Remove|Set|Test)-(BulkEnroll\w*|DeviceAssignment)\b').Value -ne 'Connect-BulkEnroll'
        }
        $script = @(
            '$PSStyle.OutputRendering = ''PlainText'''
            '$context = $env:BULKENROLL_EXAMPLE_CONTEXT | ConvertFrom-Json'
            'Import-Module BulkEnroll'
            '$api = [pscredential]::new($context.ApiUser, (ConvertTo-SecureString $context.ApiPassword -AsPlainText -Force))'
            '$la = [pscredential]::new(''LocalAdmin'', (ConvertTo-SecureString ''Adm1n-Pass-2024!'' -AsPlainText -Force))'
            '$k = $key = $wifi = ConvertTo-SecureString ''Wifi-Key-2024!'' -AsPlainText -Force'
            # SecretManagement is not on the build machines: a vault of Export-Clixml files stands in for the admin's.
            'function Set-Secret([string] $Name, [object] $Secret) { $Secret | Export-Clixml (Join-Path $context.Vault "$Name.xml") }'
            'function Get-Secret([string] $Name) { Import-Clixml (Join-Path $context.Vault "$Name.xml") }'
            # What the admin types at the prompts (a console pwsh cannot read a SecureString from redirected input).
            '$typed = [Collections.Queue]::new([string[]] @($context.Typed))'
            'if ($typed.Count) {'
            '    function Read-Host([string] $Prompt, [switch] $AsSecureString) { $t = $typed.Dequeue(); if ($AsSecureString) { ConvertTo-SecureString $t -AsPlainText -Force } else { $t } }'
            '    function Get-Credential([string] $UserName, [string] $Message) { if (-not $UserName) { $UserName = $typed.Dequeue() }; [pscredential]::new($UserName, (ConvertTo-SecureString $typed.Dequeue() -AsPlainText -Force)) }'
            '}'
            'if ($context.Connect) { Connect-BulkEnroll -TenantUri $context.TenantUri -Credential $api -ErrorAction Stop }'
            $Context.Prelude
            if ($pester) {
                Set-Content -Path (Join-Path $Work 'Example.Tests.ps1') -Value $code
                "Import-Module '$((Get-Module Pester).Path)'"
                '$run = Invoke-Pester -Path ./Example.Tests.ps1 -PassThru -Output Detailed'
                'if ($run.Result -ne ''Passed'' -or $run.PassedCount -eq 0) { exit 3 }'
            }
            else { '# ---- the example, as written ----'; $code }
        ) -join "`n"
        Set-Content -Path (Join-Path $Work 'run.ps1') -Value $script

        $start = [Diagnostics.ProcessStartInfo]::new($Pwsh)
        foreach ($a in $PwshArguments + @('-NoProfile', '-File', (Join-Path $Work 'run.ps1'))) { $start.ArgumentList.Add($a) }
        $start.WorkingDirectory = $Work
        $start.RedirectStandardInput = $start.RedirectStandardOutput = $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment['BULKENROLL_EXAMPLE_CONTEXT'] = $settings | ConvertTo-Json -Compress
        $start.Environment['ProgramData'] = Join-Path $Work 'ProgramData'
        # Installed as admins install it: on PSModulePath, so that runspaces of ForEach-Object -Parallel load it too.
        $start.Environment['PSModulePath'] = (Split-Path (Split-Path (Split-Path $ModulePath))) + [IO.Path]::PathSeparator + $env:PSModulePath
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if ($Context.StdIn) { $process.StandardInput.WriteLine($Context.StdIn) }
        $process.StandardInput.Close()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result.Trim(); Pester = $pester }
    }
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-TestProxy $script:ExampleProxy
    Stop-BulkEnrollSandbox $script:Sandbox
    Remove-Item $script:Root -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Documented examples' {
    It 'finds the examples of every exported cmdlet, the README and about_BulkEnroll' {
        $all = @(Get-DocumentedExample -RepoRoot $RepoRoot)
        foreach ($cmdlet in (Get-Command -Module BulkEnroll -CommandType Cmdlet).Name) { $all.Key | Should -Contain "$cmdlet 1" }
        $all.Key | Should -Contain 'README 1'
        $all.Key | Should -Contain 'about_BulkEnroll 1'
        # A context left behind by a removed or renumbered example would silently prepare nothing.
        $Contexts.Keys | Where-Object { $_ -notin $all.Key } | Should -BeNullOrEmpty
    }

    It '<Key>: <Title>' -ForEach $examples {
        $context = if ($Contexts[$Key]) { $Contexts[$Key] } else { @{} }
        if ($context.SkipBecause -and -not $Windows) { Set-ItResult -Skipped -Because $context.SkipBecause; return }
        $Work = (New-Item -ItemType Directory -Path (Join-Path $Root ($Key -replace '\W', '-'))).FullName
        if ($context.Setup) { . $context.Setup }
        Clear-SandboxRequest $Sandbox

        $run = Invoke-Example -Example $_ -Context $context -Work $Work
        $output = "exit code $($run.ExitCode)`n--- stdout:`n$($run.StdOut)`n--- stderr:`n$($run.StdErr)"
        if ($context.Check) { & $context.Check $run }
        else {
            $run.StdErr | Should -BeNullOrEmpty -Because $output
            $run.ExitCode | Should -Be 0 -Because $output
        }
        # A dry run sends no change: every command that changes the tenant in it has -WhatIf.
        $mutators = [regex]::Matches($Code, '(?m)(New-BulkEnrollUser|Remove-BulkEnrollUser|Set-DeviceAssignment)[^\r\n|]*')
        if ($mutators.Count -and @($mutators | Where-Object Value -NotMatch '-WhatIf').Count -eq 0) {
            Get-ChangeRequest | Should -BeNullOrEmpty -Because "a -WhatIf example sent a change`n$output"
        }
    }
}
