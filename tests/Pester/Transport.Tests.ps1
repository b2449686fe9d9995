#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 16: TLS versions, a real authenticating proxy (Debian's tinyproxy, started here), and certificate checks a
# session-wide callback cannot turn off.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
}

Describe 'TLS versions' {
    BeforeAll {
        $script:Tls12 = Start-BulkEnrollSandbox -Devices 20 -ExtraArgument '--tls', '1.2'
        $script:Tls13 = Start-BulkEnrollSandbox -Devices 20 -ExtraArgument '--tls', '1.3'
        # A server that speaks only TLS 1.1, as an outdated TLS-inspecting middlebox would: no common version.
        $script:Tls11 = Start-BulkEnrollSandbox -Devices 20 -ExtraArgument '--tls', '1.1'
    }

    AfterAll {
        Disconnect-BulkEnroll
        foreach ($s in $Tls12, $Tls13, $Tls11) { if ($s) { Stop-BulkEnrollSandbox $s } }
    }

    It 'connects to a tenant that speaks only TLS <Version>' -ForEach @(@{ Version = '1.2' }, @{ Version = '1.3' }) {
        $sandbox = if ($Version -eq '1.2') { $Tls12 } else { $Tls13 }
        $connection = Connect-BulkEnroll $sandbox.HttpsUri $sandbox.Admin -TrustedCertificateSha256 $sandbox.CertificateSha256 -PassThru -ErrorAction Stop
        $connection.DeviceSpaceName | Should -Be 'Global'
        @(Get-BulkEnrolledDevice).Count | Should -BeGreaterThan 0
    }

    It 'fails a TLS handshake at once with one error naming the host and TLS, not retried' {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Connect-BulkEnroll $Tls11.HttpsUri $Tls11.Admin -SkipCertificateCheck -MaxRetryCount 8 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TlsHandshakeFailed,BulkEnroll.Commands.ConnectBulkEnrollCommand' -PassThru
        $watch.Stop()
        # Retried, 8 backoffs from 500 ms would take well over a minute.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        $failure.Exception.Message | Should -Match ([regex]::Escape("127.0.0.1:$($Tls11.HttpsUri.Port)"))
        $failure.Exception.Message | Should -Match 'TLS 1\.2 and 1\.3'
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
    }
}

Describe 'Certificate validation is the module''s own' {
    BeforeAll {
        $script:Sandbox = Start-BulkEnrollSandbox -Devices 20
        $script:PreviousCallback = [Net.ServicePointManager]::ServerCertificateValidationCallback
    }

    AfterAll {
        [Net.ServicePointManager]::ServerCertificateValidationCallback = $PreviousCallback
        Disconnect-BulkEnroll
        Stop-BulkEnrollSandbox $Sandbox
    }

    It 'refuses an untrusted certificate even when the session accepts every certificate' {
        # The old-admin-script line that, in Windows PowerShell 5.1, turns off validation for anything that does not judge for itself.
        [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }
        # localhost: the sandbox's self-signed certificate is trusted by nothing here.
        $tenant = [uri]"https://localhost:$($Sandbox.HttpsUri.Port)"
        { Connect-BulkEnroll $tenant $Sandbox.Admin -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateRejected,BulkEnroll.Commands.ConnectBulkEnrollCommand'
        Get-BulkEnrollConnection | Should -BeNullOrEmpty
        # Nothing was sent: the handshake ended before the request (and the Basic credentials).
        @(Get-SandboxRequest $Sandbox | Where-Object { $_.path -like '/api/*' }).Count | Should -Be 0
    }

    It 'still refuses -SkipCertificateCheck for a host that is not this machine' {
        { Connect-BulkEnroll https://na1.mobileiron.com $Sandbox.Admin -SkipCertificateCheck -ErrorAction Stop } |
            Should -Throw -ErrorId 'SkipCertificateCheckNotLoopback,BulkEnroll.Commands.ConnectBulkEnrollCommand'
    }
}

Describe 'Through an authenticating proxy' {
    BeforeAll {
        $script:ProxyPassword = 'Pr0xy-' + [guid]::NewGuid().ToString('N')
        $script:Proxy = Start-TestProxy -UserName 'proxyuser' -Password $ProxyPassword
        $script:ProxyCredential = [pscredential]::new('proxyuser', (ConvertTo-SecureString $ProxyPassword -AsPlainText -Force))
        $script:WrongPassword = 'Wr0ng-' + [guid]::NewGuid().ToString('N')
        $script:WrongCredential = [pscredential]::new('proxyuser', (ConvertTo-SecureString $WrongPassword -AsPlainText -Force))
        $script:Sandbox = Start-BulkEnrollSandbox -Devices 5000
    }

    AfterAll {
        Disconnect-BulkEnroll
        Stop-BulkEnrollSandbox $Sandbox
        Stop-TestProxy $Proxy
    }

    It 'goes through the proxy (its log shows the tunnels) and lists thousands of devices over it' {
        Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $ProxyCredential -ErrorAction Stop
        $devices = @(Get-BulkEnrolledDevice -ThrottleLimit 4)
        $devices.Count | Should -BeGreaterThan 2000
        # The sandbox is on 127.0.0.1, which .NET may bypass a proxy for: the proxy's own log proves it was used.
        (Get-ProxyTunnel $Proxy $Sandbox.HttpsUri).Count | Should -BeGreaterThan 0

        # The same listing directly gives the same devices: nothing was lost or cut off through the proxy.
        $tunnels = (Get-ProxyTunnel $Proxy $Sandbox.HttpsUri).Count
        Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -NoProxy -ErrorAction Stop
        @(Get-BulkEnrolledDevice -ThrottleLimit 4).Count | Should -Be $devices.Count
        (Get-ProxyTunnel $Proxy $Sandbox.HttpsUri).Count | Should -Be $tunnels
    }

    It 'checks a package''s discovery service through the connection''s proxy (Test-BulkEnrollPackage -Online)' {
        # The package names the discovery host as localhost, the tenant is 127.0.0.1: the proxy's log tells them apart.
        $discovery = [uri] ($Sandbox.HttpsUri -replace '127\.0\.0\.1', 'localhost')
        Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -NoProxy -ErrorAction Stop
        $user = New-BulkEnrollUser -Name proxied -Domain contoso.com
        $package = $user | New-BulkEnrollPackage -DiscoveryServiceUrl $discovery -OutputPath $TestDrive -WarningAction SilentlyContinue

        $direct = Test-BulkEnrollPackage $package.Path -Online -SkipCertificateCheck | Where-Object Check -EQ 'Discovery'
        $direct.Result | Should -Be 'Passed' -Because $direct.Message
        (Get-ProxyTunnel $Proxy $discovery).Count | Should -Be 0 -Because 'a connection with -NoProxy checks discovery directly'

        Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $ProxyCredential -ErrorAction Stop
        $proxied = Test-BulkEnrollPackage $package.Path -Online -SkipCertificateCheck | Where-Object Check -EQ 'Discovery'
        $proxied.Result | Should -Be 'Passed' -Because $proxied.Message
        (Get-ProxyTunnel $Proxy $discovery).Count | Should -BeGreaterThan 0 -Because 'the discovery request went through the connection''s proxy, with its login'
    }

    It 'fails at once with ProxyAuthenticationRequired naming the proxy and the parameters; nothing reaches the tenant' {
        Clear-SandboxRequest $Sandbox
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $WrongCredential -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProxyAuthenticationRequired,BulkEnroll.Commands.ConnectBulkEnrollCommand' -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        $failure.Exception.Message | Should -Match ([regex]::Escape($Proxy.Uri.GetLeftPart('Authority')))
        $failure.Exception.Message | Should -Match '-ProxyCredential'
        $failure.Exception.Message | Should -Match '-ProxyUseDefaultCredentials'
        @(Get-SandboxRequest $Sandbox | Where-Object { $_.path -like '/api/*' }).Count | Should -Be 0
    }

    It 'keeps the proxy password out of every stream, error and message' {
        $output = & {
            Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $ProxyCredential -Verbose -Debug -PassThru
            Get-BulkEnrolledDevice -Verbose -Debug | Select-Object -First 3
            try {
                Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $WrongCredential -Verbose -Debug -ErrorAction Stop
            } catch { $_ }
        } *>&1
        $text = ($output | Out-String) + ($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } |
                ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception.ToString() } | Out-String)
        $text | Should -Match 'through the proxy'        # the verbose stream was captured
        $text | Should -Match 'ProxyAuthenticationRequired' # and the error
        foreach ($secret in $ProxyPassword, $WrongPassword) {
            $text | Should -Not -Match ([regex]::Escape($secret))
            $text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("proxyuser:$secret"))))
        }
        (Get-BulkEnrollConnection | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($ProxyPassword))
    }

    It 'refuses conflicting proxy parameters and a login in the proxy URL before sending anything' {
        { Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -NoProxy -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProxyOptionsConflict,BulkEnroll.Commands.ConnectBulkEnrollCommand'
        { Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy $Proxy.Uri -ProxyCredential $ProxyCredential -ProxyUseDefaultCredentials -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProxyOptionsConflict,BulkEnroll.Commands.ConnectBulkEnrollCommand'
        $failure = { Connect-BulkEnroll $Sandbox.HttpsUri $Sandbox.Admin -SkipCertificateCheck -Proxy "http://proxyuser:$($ProxyPassword)@127.0.0.1:$($Proxy.Uri.Port)" -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProxyCredentialInUri,BulkEnroll.Commands.ConnectBulkEnrollCommand' -PassThru
        $failure.Exception.Message | Should -Not -Match ([regex]::Escape($ProxyPassword))
    }

    It 'uses the system proxy by default (HTTPS_PROXY on Linux and macOS)' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Windows takes the system proxy from its Internet settings, not HTTPS_PROXY' ; return }
        # A child process: .NET reads HTTPS_PROXY once per process.
        $module = Get-BulkEnrollTestModulePath
        $script = "Import-Module '$module'; Connect-BulkEnroll '$($Sandbox.HttpsUri)' (Import-Clixml '$($Proxy.Folder)/admin.xml') -SkipCertificateCheck -ProxyCredential (Import-Clixml '$($Proxy.Folder)/proxy.xml') -ErrorAction Stop; 'connected'"
        $Sandbox.Admin | Export-Clixml "$($Proxy.Folder)/admin.xml"
        $ProxyCredential | Export-Clixml "$($Proxy.Folder)/proxy.xml"
        $before = (Get-ProxyTunnel $Proxy $Sandbox.HttpsUri).Count
        $previous = $env:HTTPS_PROXY, $env:NO_PROXY
        try {
            $env:HTTPS_PROXY = $Proxy.Uri.AbsoluteUri; $env:NO_PROXY = ''
            # This pwsh may be 'dotnet pwsh.dll' (the repository's dotnet tool): start the same one.
            $pwsh = @([Environment]::ProcessPath)
            if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
            $result = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
        } finally { $env:HTTPS_PROXY, $env:NO_PROXY = $previous }
        ($result | Out-String) | Should -Match 'connected'
        (Get-ProxyTunnel $Proxy $Sandbox.HttpsUri).Count | Should -BeGreaterThan $before
    }
}
