using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using BulkEnroll.Platform;

namespace BulkEnroll.Tests.Hosting;

/// <summary>
/// A registry tree in memory, case-insensitive like the real one, with keys that can be made unreadable (opening
/// them throws SecurityException, as RegistryKey.OpenSubKey does for a key the account may not read).
/// </summary>
internal sealed class InMemoryRegistry : IRegistryView
{
    private readonly Node _root = new();

    public int OpenCount { get; private set; }

    /// <summary>Creates the key (and its parents) and sets the given values.</summary>
    public InMemoryRegistry Key(string path, params (string Name, object Value)[] values)
    {
        Node node = Create(path);
        foreach ((string name, object value) in values)
        {
            node.Values[name] = value;
        }

        return this;
    }

    public InMemoryRegistry Deny(string path)
    {
        Create(path).Denied = true;
        return this;
    }

    public IRegistryKeyView? OpenSubKey(string path)
    {
        OpenCount++;
        Node? node = Walk(_root, path);
        return node == null ? null : new KeyView(node);
    }

    private Node Create(string path)
    {
        Node node = _root;
        foreach (string part in Split(path))
        {
            if (!node.Children.TryGetValue(part, out Node? child))
            {
                child = new Node { Name = part };
                node.Children.Add(part, child);
            }

            node = child;
        }

        return node;
    }

    private static Node? Walk(Node from, string path)
    {
        Node node = from;
        foreach (string part in Split(path))
        {
            if (!node.Children.TryGetValue(part, out Node? child))
            {
                return null;
            }

            if (child.Denied)
            {
                throw new SecurityException("Requested registry access is not allowed.");
            }

            node = child;
        }

        return node;
    }

    private static string[] Split(string path) => path.Split('\\', StringSplitOptions.RemoveEmptyEntries);

    private sealed class Node
    {
        public string Name { get; init; } = string.Empty;

        public bool Denied { get; set; }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, object> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class KeyView : IRegistryKeyView
    {
        private readonly Node _node;

        public KeyView(Node node) => _node = node;

        public IReadOnlyList<string> GetSubKeyNames() => _node.Children.Values.Select(c => c.Name).ToList();

        public object? GetValue(string name) => _node.Values.TryGetValue(name, out object? value) ? value : null;

        public void Dispose()
        {
        }
    }
}
