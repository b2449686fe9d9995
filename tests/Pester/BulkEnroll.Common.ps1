# Shared by the Pester suites: import the BUILT module, start and stop a sandbox tenant, read its logs.
# build.ps1 -Task Test sets BULKENROLL_MODULE (out/BulkEnroll/<version>/BulkEnroll.psd1); otherwise the
# newest module folder under out/ is used. The sandbox runs as a separate process, as a real tenant would.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-BulkEnrollTestModulePath {
    if ($env:BULKENROLL_MODULE) { return $env:BULKENROLL_MODULE }
    $manifest = Get-ChildItem (Join-Path $script:RepoRoot 'out/BulkEnroll') -Filter BulkEnroll.psd1 -Recurse -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $manifest) { throw 'Build the module first: ./build.ps1 -Task Build' }
    $manifest.FullName
}

function Get-SandboxAssemblyPath {
    # build.ps1 names the configuration it built; by hand, the newest build of either.
    $bin = Join-Path $script:RepoRoot 'src/BulkEnroll.Sandbox/bin'
    if ($env:BULKENROLL_CONFIGURATION -and (Test-Path (Join-Path $bin $env:BULKENROLL_CONFIGURATION))) { $bin = Join-Path $bin $env:BULKENROLL_CONFIGURATION }
    $built = Get-ChildItem $bin -Filter BulkEnroll.Sandbox.dll -Recurse -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $built) { throw 'Build the sandbox first: dotnet build BulkEnroll.sln' }
    $built.FullName
}

<#
.SYNOPSIS
    Starts a sandbox tenant on 127.0.0.1 and returns its address, API credentials and process.
#>
function Start-BulkEnrollSandbox {
    param(
        [int] $Devices = 300,
        [string[]] $ExtraArgument = @()
    )

    $info = Join-Path ([IO.Path]::GetTempPath()) ("bulkenroll-sandbox-{0}.json" -f [guid]::NewGuid())
    # Any free port for https too: serve's default 5443 would collide with any other sandbox on the machine.
    $arguments = @((Get-SandboxAssemblyPath), 'serve', '--port', '0', '--https-port', '0', '--devices', $Devices, '--latency-ms', '0', '--info-file', $info) + $ExtraArgument
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru -RedirectStandardOutput "$info.out" -RedirectStandardError "$info.err"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $info)) {
        if ($process.HasExited) { throw "The sandbox exited: $(Get-Content "$info.err" -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The sandbox did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }

    $data = Get-Content $info -Raw | ConvertFrom-Json
    Remove-Item $info  # it holds the API passwords
    $credentials = @{}
    foreach ($user in $data.users) {
        $credentials[$user.userName] = [pscredential]::new($user.userName, (ConvertTo-SecureString $user.password -AsPlainText -Force))
    }

    [pscustomobject]@{
        Process             = $process
        LogFiles            = @("$info.out", "$info.err")
        Uri                 = [uri]$data.baseAddress
        # The HTTPS listener and its self-signed certificate's SHA-256 (pin it: Connect-BulkEnroll -TrustedCertificateSha256).
        HttpsUri            = if ($data.httpsBaseAddress) { [uri]$data.httpsBaseAddress } else { $null }
        CertificateSha256   = $data.tlsCertificateSha256
        Admin               = $credentials['api-admin@contoso.com']
        Credentials         = $credentials
        GenericUserPassword = $data.genericUserPassword
    }
}

function Stop-BulkEnrollSandbox {
    param([Parameter(Mandatory)] $Sandbox)
    if ($Sandbox -and -not $Sandbox.Process.HasExited) {
        Stop-Process -Id $Sandbox.Process.Id -ErrorAction SilentlyContinue
        $Sandbox.Process.WaitForExit(10000) | Out-Null
    }

    $Sandbox.LogFiles | Remove-Item -ErrorAction SilentlyContinue
}

function Get-SandboxRequest {
    param([Parameter(Mandatory)] $Sandbox)
    # Invoke-RestMethod writes a JSON array as ONE object; unrolled here so that @(...).Count counts requests
    # (an empty log is then 0, not one empty array) and Where-Object sees each request.
    Invoke-RestMethod -Uri ([uri]::new($Sandbox.Uri, '_sandbox/requests')) | ForEach-Object { $_ }
}

function Clear-SandboxRequest {
    param([Parameter(Mandatory)] $Sandbox)
    Invoke-RestMethod -Method Delete -Uri ([uri]::new($Sandbox.Uri, '_sandbox/requests')) | Out-Null
}

function Get-SandboxState {
    param([Parameter(Mandatory)] $Sandbox)
    Invoke-RestMethod -Uri ([uri]::new($Sandbox.Uri, '_sandbox/state'))
}

function Set-SandboxControl {
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable] $Control)
    Invoke-RestMethod -Method Put -Uri ([uri]::new($Sandbox.Uri, '_sandbox/controls')) -ContentType 'application/json' -Body ($Control | ConvertTo-Json) | Out-Null
}

<#
.SYNOPSIS
    A PC at OOBE applying a package: the sandbox's `enroll` verb, in a process of its own as each technician's PC is
    a machine of its own. Returns the serial number, the exit code (0 = enrolled) and what the PC printed.
#>
function Invoke-SandboxVirtualDevice {
    param(
        [Parameter(Mandatory)] [string] $Package,
        [Parameter(Mandatory)] [string] $SerialNumber,
        # The PC has an Ethernet cable, so it needs no Wi-Fi from the package.
        [switch] $Wired
    )

    $arguments = @((Get-SandboxAssemblyPath), 'enroll', '--package', $Package, '--serial', $SerialNumber, '--verbose', 'no',
        '--wired', $(if ($Wired) { 'yes' } else { 'no' }))
    $output = & dotnet @arguments 2>&1
    [pscustomobject]@{
        SerialNumber = $SerialNumber
        ExitCode     = $LASTEXITCODE
        Output       = ($output | Out-String)
    }
}

<#
.SYNOPSIS
    Starts a real authenticating proxy (Debian's tinyproxy, Basic auth) on 127.0.0.1; its log lists every tunnel.
#>
function Start-TestProxy {
    param([string] $UserName, [string] $Password)
    $tinyproxy = Get-Command tinyproxy -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $tinyproxy) { throw 'These tests need tinyproxy (Debian: apt-get install tinyproxy; build.ps1 -Task Test installs it).' }
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("bulkenroll-proxy-{0}" -f [guid]::NewGuid())
    New-Item -ItemType Directory $folder | Out-Null
    $log = Join-Path $folder 'tinyproxy.log'
    # No ConnectPort line: CONNECT to any port (the sandbox's is random). LogLevel Connect logs every tunnel.
    @(
        "Port $port", 'Listen 127.0.0.1', 'Timeout 600', "LogFile `"$log`"", 'LogLevel Connect', 'MaxClients 200',
        "BasicAuth $UserName $Password"
    ) | Set-Content (Join-Path $folder 'tinyproxy.conf')
    $process = Start-Process -FilePath $tinyproxy.Source -ArgumentList '-d', '-c', (Join-Path $folder 'tinyproxy.conf') -PassThru `
        -RedirectStandardOutput (Join-Path $folder 'out.txt') -RedirectStandardError (Join-Path $folder 'err.txt')
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        # Ready when it accepts a connection.
        $client = [Net.Sockets.TcpClient]::new()
        try { $client.Connect([Net.IPAddress]::Loopback, $port); break } catch { } finally { $client.Dispose() }
        if ($process.HasExited) { throw "tinyproxy exited: $(Get-Content (Join-Path $folder 'err.txt') -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw 'tinyproxy did not listen within 30 s.' }
        Start-Sleep -Milliseconds 100
    }

    [pscustomobject]@{ Process = $process; Uri = [uri]"http://127.0.0.1:$port"; Log = $log; Folder = $folder }
}

function Stop-TestProxy {
    param($Proxy)
    if ($Proxy -and -not $Proxy.Process.HasExited) { Stop-Process -Id $Proxy.Process.Id; $Proxy.Process.WaitForExit(10000) | Out-Null }
    if ($Proxy) { Remove-Item $Proxy.Folder -Recurse -Force -ErrorAction SilentlyContinue }
}

# The tunnels (CONNECT) the proxy opened to a loopback port, from its log.
function Get-ProxyTunnel {
    param($Proxy, [uri] $Target)
    @(Get-Content $Proxy.Log -ErrorAction Ignore | Where-Object { $_ -match "Request \(file descriptor \d+\): CONNECT $([regex]::Escape($Target.Host)):$($Target.Port) " })
}
