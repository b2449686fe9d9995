#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 16: the dependency resolver serves the module's own dependencies only, and survives Import/Remove-Module in
# several runspaces of one process; the .NET Framework check runs before the DLL and is silent elsewhere.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    $script:ModulePath = Get-BulkEnrollTestModulePath
    $script:Dependencies = Join-Path (Split-Path $ModulePath) 'dependencies'

    function Invoke-InRunspace {
        param([runspace] $Runspace, [scriptblock] $Script, [object[]] $Arguments = @())
        $ps = [powershell]::Create()
        $ps.Runspace = $Runspace
        try {
            $result = $ps.AddScript($Script.ToString()).AddParameters($Arguments).Invoke()
            if ($ps.Streams.Error.Count) { throw $ps.Streams.Error[0] }
            $result
        } finally { $ps.Dispose() }
    }

    # The resolver is internal: reached by reflection, as the CLR reaches it through AppDomain.AssemblyResolve.
    function Get-Resolver {
        [BulkEnroll.Commands.ConnectBulkEnrollCommand].Assembly.GetType('BulkEnroll.Loading.DependencyResolver', $true)
    }

    function Invoke-Resolver {
        param([type] $Resolver, [string] $Name, [Reflection.Assembly] $Requesting)
        $handler = $Resolver.GetMethod('OnAssemblyResolve', [Reflection.BindingFlags]'NonPublic, Static')
        $handler.Invoke($null, @($null, [ResolveEventArgs]::new($Name, $Requesting)))
    }
}

Describe 'Dependency resolver across runspaces' {
    BeforeAll {
        $script:First = [runspacefactory]::CreateRunspace(); $First.Open()
        $script:Second = [runspacefactory]::CreateRunspace(); $Second.Open()
        $import = { param($Path) Import-Module $Path; (Get-Module BulkEnroll).Name }
        Invoke-InRunspace $First $import @($ModulePath) | Should -Be 'BulkEnroll'
        Invoke-InRunspace $Second $import @($ModulePath) | Should -Be 'BulkEnroll'
        # Polly.Core ships in dependencies/ and is not part of PowerShell: only the resolver can supply it.
        $script:Polly = Get-ChildItem $Dependencies -Filter 'Polly.Core.dll' | Select-Object -First 1
    }

    AfterAll {
        $First.Dispose(); $Second.Dispose()
    }

    It 'keeps the resolver hooked in one runspace after Remove-Module in another' {
        $Polly | Should -Not -BeNullOrEmpty
        Invoke-InRunspace $First { Remove-Module BulkEnroll }
        $resolver = Get-Resolver
        $resolver.GetProperty('IsRegistered', [Reflection.BindingFlags]'NonPublic, Static').GetValue($null) | Should -BeTrue
        # What the CLR does when BulkEnroll.dll needs Polly.Core: the module's own request is answered from dependencies/.
        $name = [Reflection.AssemblyName]::GetAssemblyName($Polly.FullName)
        (Invoke-Resolver $resolver $name.FullName $resolver.Assembly).Location | Should -Be $Polly.FullName
    }

    It 'answers only for the module''s own assemblies, and never with an older version than asked for' {
        $resolver = Get-Resolver
        $name = [Reflection.AssemblyName]::GetAssemblyName($Polly.FullName)
        # Another assembly asking for a name we ship: its business, not ours.
        Invoke-Resolver $resolver $name.FullName ([psobject].Assembly) | Should -BeNullOrEmpty
        # An older version than shipped is served by the shipped one; a newer one cannot be.
        $older = [Reflection.AssemblyName]::new($name.FullName); $older.Version = [version]'1.0.0.0'
        (Invoke-Resolver $resolver $older.FullName $resolver.Assembly).Location | Should -Be $Polly.FullName
        $newer = [Reflection.AssemblyName]::new($name.FullName); $newer.Version = [version]::new($name.Version.Major + 90, 0, 0, 0)
        Invoke-Resolver $resolver $newer.FullName $resolver.Assembly | Should -BeNullOrEmpty
    }
}

Describe 'The .NET Framework check' {
    It 'is silent outside Windows PowerShell and leaves no variable behind' {
        $script = Join-Path (Split-Path $ModulePath) 'BulkEnroll.Requirements.ps1'
        $before = 0; $output = $null
        $before = @(Get-Variable).Count
        $output = . $script
        $output | Should -BeNullOrEmpty
        @(Get-Variable).Count | Should -Be $before
    }

    It 'is written in Windows PowerShell 5.1 syntax and listed in the manifest' {
        $manifest = Import-PowerShellDataFile $ModulePath
        $manifest.ScriptsToProcess | Should -Be @('BulkEnroll.Requirements.ps1')
        $script = Join-Path (Split-Path $ModulePath) 'BulkEnroll.Requirements.ps1'
        $tokens = $null; $errors = $null
        $ast = [Management.Automation.Language.Parser]::ParseFile($script, [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
        $ps7Only = $ast.FindAll({ param($n)
                $n -is [Management.Automation.Language.TernaryExpressionAst] -or
                $n -is [Management.Automation.Language.PipelineChainAst] -or
                ($n -is [Management.Automation.Language.BinaryExpressionAst] -and $n.Operator -eq 'QuestionQuestion') -or
                ($n -is [Management.Automation.Language.MemberExpressionAst] -and $n.NullConditional) }, $true)
        @($ps7Only).Count | Should -Be 0
    }
}
