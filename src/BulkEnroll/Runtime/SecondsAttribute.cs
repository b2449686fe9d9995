using System;
using System.Globalization;
using System.Management.Automation;

namespace BulkEnroll.Runtime;

/// <summary>
/// Lets a TimeSpan parameter take a plain number as seconds (<c>-ConnectTimeout 10</c>), as admins write it and as
/// Invoke-RestMethod's -TimeoutSec reads. Without it PowerShell binds an integer as ticks: 10 would mean one
/// microsecond. TimeSpan values and strings such as '00:01:30' still bind as before.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class SecondsAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case int i:
                return TimeSpan.FromSeconds(i);
            case long l:
                return TimeSpan.FromSeconds(l);
            case double d:
                return TimeSpan.FromSeconds(d);
            case decimal m:
                return TimeSpan.FromSeconds((double)m);
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                return TimeSpan.FromSeconds(seconds);
            default:
                return inputData;
        }
    }
}
