using System.Collections.Generic;

namespace BulkEnroll.Provisioning.Payload;

/// <summary>One parm of a provxml with the characteristic types above it, e.g. Accounts/Users/localadmin + Password.</summary>
internal sealed class ProvxmlParm
{
    public ProvxmlParm(IReadOnlyList<string> characteristics, string name, string? value, string? dataType)
    {
        Characteristics = characteristics;
        Name = name;
        Value = value;
        DataType = dataType;
    }

    public IReadOnlyList<string> Characteristics { get; }

    public string Name { get; }

    public string? Value { get; }

    public string? DataType { get; }

    public string Path => string.Join("/", Characteristics) + "/" + Name;

    /// <summary>True when the characteristic chain is exactly <paramref name="types"/> followed by one key (any value).</summary>
    public bool IsKeyedUnder(params string[] types)
    {
        if (Characteristics.Count != types.Length + 1)
        {
            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            if (!string.Equals(Characteristics[i], types[i], System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the characteristic chain is exactly <paramref name="types"/>.</summary>
    public bool IsUnder(params string[] types)
    {
        if (Characteristics.Count != types.Length)
        {
            return false;
        }

        for (int i = 0; i < types.Length; i++)
        {
            if (!string.Equals(Characteristics[i], types[i], System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public string Key => Characteristics[Characteristics.Count - 1];
}
