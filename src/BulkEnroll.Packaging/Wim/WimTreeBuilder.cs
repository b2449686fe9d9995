using System;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Builds the directory tree implied by a list of file paths.</summary>
internal static class WimTreeBuilder
{
    /// <summary>Deepest nesting accepted, the same bound <see cref="WimReader"/> enforces.</summary>
    public const int MaxDepth = 64;

    /// <remarks>
    /// <paramref name="files"/> are normalized paths with their content hashes; <paramref name="directoryCount"/>
    /// counts directories other than the root, as the image XML DIRCOUNT does.
    /// </remarks>
    public static WimTreeNode Build(
        IEnumerable<KeyValuePair<string, byte[]>> files,
        int rootSecurityId,
        int fileSecurityId,
        out int directoryCount)
    {
        var root = new WimTreeNode(string.Empty, isDirectory: true, new byte[WimHash.Size], rootSecurityId);
        var index = new Dictionary<WimTreeNode, Dictionary<string, WimTreeNode>>();
        directoryCount = 0;

        foreach (KeyValuePair<string, byte[]> file in files)
        {
            string[] segments = file.Key.Split('/');
            if (segments.Length > MaxDepth)
            {
                throw new ArgumentException($"The path '{file.Key}' is nested deeper than {MaxDepth} levels.");
            }

            WimTreeNode parent = root;
            for (int i = 0; i < segments.Length - 1; i++)
            {
                Dictionary<string, WimTreeNode> siblings = ChildrenOf(parent, index);
                if (!siblings.TryGetValue(segments[i], out WimTreeNode? directory))
                {
                    // Genuine packages leave non-root directories without a security descriptor (docs/reference/package-format.md#security-descriptors).
                    directory = new WimTreeNode(segments[i], isDirectory: true, new byte[WimHash.Size], securityId: -1);
                    siblings.Add(segments[i], directory);
                    parent.Children.Add(directory);
                    directoryCount++;
                }
                else if (!directory.IsDirectory)
                {
                    throw new ArgumentException($"The path '{file.Key}' uses the file '{directory.Name}' as a directory.");
                }

                parent = directory;
            }

            string name = segments[segments.Length - 1];
            Dictionary<string, WimTreeNode> entries = ChildrenOf(parent, index);
            if (entries.ContainsKey(name))
            {
                // Windows names are case-insensitive, so "a.xml" and "A.xml" would collide when applied.
                throw new ArgumentException($"The path '{file.Key}' is given twice, or names an existing directory (names compare case-insensitively).");
            }

            var node = new WimTreeNode(name, isDirectory: false, file.Value, fileSecurityId);
            entries.Add(name, node);
            parent.Children.Add(node);
        }

        Sort(root);
        return root;
    }

    private static Dictionary<string, WimTreeNode> ChildrenOf(WimTreeNode directory, Dictionary<WimTreeNode, Dictionary<string, WimTreeNode>> index)
    {
        if (!index.TryGetValue(directory, out Dictionary<string, WimTreeNode>? children))
        {
            children = new Dictionary<string, WimTreeNode>(StringComparer.OrdinalIgnoreCase);
            index.Add(directory, children);
        }

        return children;
    }

    private static void Sort(WimTreeNode directory)
    {
        directory.Children.Sort(CompareNames);
        foreach (WimTreeNode child in directory.Children)
        {
            if (child.IsDirectory)
            {
                Sort(child);
            }
        }
    }

    // NTFS orders names by their upper-cased UTF-16 code units.
    private static int CompareNames(WimTreeNode x, WimTreeNode y)
    {
        int byUpper = string.CompareOrdinal(x.Name.ToUpperInvariant(), y.Name.ToUpperInvariant());
        return byUpper != 0 ? byUpper : string.CompareOrdinal(x.Name, y.Name);
    }
}
