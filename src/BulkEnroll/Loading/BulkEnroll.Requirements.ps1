# Runs before BulkEnroll.dll is loaded (ScriptsToProcess in BulkEnroll.psd1), in Windows PowerShell 5.1 syntax.
# On .NET Framework below 4.7.2 the netstandard2.0 DLL cannot load ("could not load netstandard"), and Windows
# PowerShell does not enforce the manifest's DotNetFrameworkVersion: say clearly what is installed and what is needed.
# A script block keeps its variables out of the caller's scope.
& {
    if ($PSVersionTable.PSEdition -ne 'Desktop') { return }
    $needed = 461808   # the Release value of .NET Framework 4.7.2
    $key = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release -ErrorAction SilentlyContinue
    $release = if ($key) { [int]$key.Release } else { 0 }
    if ($release -ge $needed) { return }
    $versions = [ordered]@{ 394802 = '4.6.2'; 394254 = '4.6.1'; 393295 = '4.6'; 379893 = '4.5.2'; 378675 = '4.5.1'; 378389 = '4.5'; 461308 = '4.7.1'; 460798 = '4.7' }
    $installed = 'an older version than 4.5'
    foreach ($entry in ($versions.GetEnumerator() | Sort-Object Name -Descending)) {
        if ($release -ge $entry.Name) { $installed = ".NET Framework $($entry.Value) (Release $release)"; break }
    }
    throw "BulkEnroll needs .NET Framework 4.7.2 or later in Windows PowerShell 5.1; this computer has $installed. Install .NET Framework 4.8 (Windows Update, or https://dotnet.microsoft.com/download/dotnet-framework), or use PowerShell 7."
}
