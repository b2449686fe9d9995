# Cold Import-Module: run once per new pwsh process. Prints the milliseconds Import-Module took.
param([string]$Module)
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Module -ErrorAction Stop
$clock.Stop()
$clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)
