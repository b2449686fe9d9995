using System;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Payload;

/// <summary>One parm of a provxml with the characteristic types above it, e.g. Accounts/Users/localadmin + Password.</summary>
internal sealed class ProvxmlParm
{
    public ProvxmlParm(IReadOnlyList<string> characteristics, string name, string? value)
    {
        Characteristics = characteristics;
        Name = name;
        Value = value;
    }

    public IReadOnlyList<string> Characteristics { get; }

    public string Name { get; }

    public string? Value { get; }

    /// <summary>E.g. "AADJ/BPRT": the CSP path below ./Vendor/MSFT/.</summary>
    public string Path => string.Join("/", Characteristics) + "/" + Name;

    /// <summary>The last characteristic: the key of a keyed node such as Accounts/Users/&lt;UserName&gt;.</summary>
    public string Key => Characteristics[Characteristics.Count - 1];

    /// <summary>True when the characteristic chain is exactly <paramref name="types"/>.</summary>
    public bool IsUnder(params string[] types) => Characteristics.Count == types.Length && StartsWith(types);

    /// <summary>True when the characteristic chain is <paramref name="types"/> followed by one key of any value.</summary>
    public bool IsKeyedUnder(params string[] types) => Characteristics.Count == types.Length + 1 && StartsWith(types);

    // CSP node names are case-insensitive on the device.
    private bool StartsWith(string[] types)
    {
        for (int i = 0; i < types.Length; i++)
        {
            if (!string.Equals(Characteristics[i], types[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
