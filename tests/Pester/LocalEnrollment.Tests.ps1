#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Get-BulkEnrollLocalEnrollment reads this machine's registry: on Windows it must return well-formed objects whatever
# the machine's enrollments are; elsewhere it must fail with its documented error. The fake-registry cases (generic
# user, Intune user, unreadable keys...) are proven by xunit (tests/BulkEnroll.Tests/LocalEnrollment).

BeforeDiscovery {
    # $IsWindows does not exist in Windows PowerShell 5.1, which only runs on Windows.
    $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows

    # Called first in each It that reads this PC's own MDM enrollments, so a run elsewhere reports why it skipped.
    function Skip-UnlessWindows {
        if (-not $script:OnWindows) {
            Set-ItResult -Skipped -Because "it reads this PC's own MDM enrollments in the Windows registry (xunit proves the logic on a fake registry)"
        }
    }
    $script:DetectionScript = Join-Path $script:RepoRoot 'examples/Remediation/Detect-BulkEnrollment.ps1'
    $script:ErrorIdPrefix = 'LocalEnrollmentRequiresWindows,BulkEnroll.Commands.GetBulkEnrollLocalEnrollmentCommand'
}

Describe 'Get-BulkEnrollLocalEnrollment on Windows' {
    BeforeAll {
        if (-not $OnWindows) { return }
        # An account that is not an administrator may be denied some enrollment keys: those are reported one by one
        # (LocalEnrollmentUnreadable) and are the only errors allowed here.
        $script:Mdm = @(Get-BulkEnrollLocalEnrollment -ErrorAction SilentlyContinue -ErrorVariable mdmProblems)
        $script:All = @(Get-BulkEnrollLocalEnrollment -IncludeNonMdm -ErrorAction SilentlyContinue -ErrorVariable allProblems)
        $script:Problems = @($mdmProblems) + @($allProblems)
    }

    It 'reports no error other than an unreadable enrollment key' {
        Skip-UnlessWindows
        $Problems | Where-Object { $_.FullyQualifiedErrorId -notlike 'LocalEnrollmentUnreadable,*' } | Should -BeNullOrEmpty
    }

    It 'returns LocalMdmEnrollment objects, all of them MDM enrollments' {
        Skip-UnlessWindows
        foreach ($enrollment in $Mdm) {
            $enrollment | Should -BeOfType ([BulkEnroll.LocalMdmEnrollment])
            $enrollment.IsMdm | Should -BeTrue
        }
    }

    It 'names each enrollment by its GUID key' {
        Skip-UnlessWindows
        foreach ($enrollment in $All) {
            [guid]::Parse($enrollment.EnrollmentId) | Should -BeOfType ([guid])
        }
    }

    It 'returns at least as many entries with -IncludeNonMdm' {
        Skip-UnlessWindows
        $All.Count | Should -BeGreaterOrEqual $Mdm.Count
        @($All | Where-Object { -not $_.IsMdm }).Count | Should -Be ($All.Count - $Mdm.Count)
    }

    It 'keeps the flags consistent with the values' {
        Skip-UnlessWindows
        foreach ($enrollment in $All) {
            $enrollment.IsEnrolled | Should -Be ($enrollment.EnrollmentState -eq 1)
            $enrollment.IsGenericUser | Should -Be ([bool]($enrollment.UserPrincipalName -like 'windows-bulkenroll*'))
        }
    }

    It 'returns only generic users with -GenericOnly' {
        Skip-UnlessWindows
        Get-BulkEnrollLocalEnrollment -GenericOnly -ErrorAction SilentlyContinue | ForEach-Object { $_.UserPrincipalName | Should -BeLike 'windows-bulkenroll*' }
    }

    It 'answers -Quiet with one boolean that agrees with the objects' {
        Skip-UnlessWindows
        $answer = @(Get-BulkEnrollLocalEnrollment -Quiet -ErrorAction SilentlyContinue)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeOfType ([bool])
        $answer[0] | Should -Be (@($Mdm | Where-Object { $_.IsGenericUser -and $_.IsEnrolled }).Count -gt 0)
    }

    It 'returns nothing, and no error, for a UPN that is not enrolled' {
        Skip-UnlessWindows
        Get-BulkEnrollLocalEnrollment 'windows-bulkenroll-nobody-here@invalid.example' -ErrorAction SilentlyContinue -ErrorVariable problems |
            Should -BeNullOrEmpty
        $problems | Where-Object { $_.FullyQualifiedErrorId -notlike 'LocalEnrollmentUnreadable,*' } | Should -BeNullOrEmpty
    }

    It 'the detection script writes one line and exits 0 or 1 as -Quiet says' {
        Skip-UnlessWindows
        $output = @(& $DetectionScript -ModulePath (Get-BulkEnrollTestModulePath))
        $output.Count | Should -Be 1
        $expected = 1
        if (Get-BulkEnrollLocalEnrollment -Quiet -ErrorAction SilentlyContinue) { $expected = 0 }
        $LASTEXITCODE | Should -Be $expected
    }
}

Describe 'Get-BulkEnrollLocalEnrollment elsewhere' -Skip:$onWindows {
    It 'fails with LocalEnrollmentRequiresWindows' {
        { Get-BulkEnrollLocalEnrollment -ErrorAction Stop } | Should -Throw -ErrorId $ErrorIdPrefix
    }

    It 'fails the same way with -Quiet rather than answering $false' {
        { Get-BulkEnrollLocalEnrollment -Quiet -ErrorAction Stop } | Should -Throw -ErrorId $ErrorIdPrefix
    }

    It 'says why: NotImplemented, a PlatformNotSupportedException inside, and what to do instead' {
        try {
            Get-BulkEnrollLocalEnrollment
            throw 'Get-BulkEnrollLocalEnrollment did not fail.'
        }
        catch {
            $_.FullyQualifiedErrorId | Should -Be $ErrorIdPrefix
            $_.CategoryInfo.Category | Should -Be 'NotImplemented'
            $_.Exception.InnerException | Should -BeOfType ([System.PlatformNotSupportedException])
            $_.ErrorDetails.RecommendedAction | Should -Match 'Windows PC itself'
        }
    }

    It 'the detection script exits 1 with one line and no error' {
        $output = @(& $DetectionScript -ModulePath (Get-BulkEnrollTestModulePath) 2>&1)
        $output.Count | Should -Be 1
        $output[0] | Should -BeOfType ([string])
        $output[0] | Should -BeLike 'Not compliant: cannot read this PC*'
        $LASTEXITCODE | Should -Be 1
    }
}
