using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.HelpCompiler.Markdown;

/// <summary>A paragraph (list items are one each) or a fenced code block, with the line it starts on.</summary>
public sealed record MarkdownBlock(int Line, string Text, string? CodeLanguage)
{
    public bool IsCode => CodeLanguage != null;
}

/// <summary>A heading and what follows it up to the next heading of the same or a higher level.</summary>
public sealed class MarkdownSection
{
    public MarkdownSection(string title, int line)
    {
        Title = title;
        Line = line;
    }

    public string Title { get; }

    public int Line { get; }

    public List<MarkdownBlock> Blocks { get; } = new();

    public List<MarkdownSection> Subsections { get; } = new();

    public IEnumerable<string> Paragraphs => Blocks.Where(b => !b.IsCode).Select(b => b.Text);
}

/// <summary>
/// The structure of a help markdown file: front matter, one `#` title, `##` sections and `###` subsections made of
/// paragraphs and fenced code. Only what Get-Help can show is understood; anything else is reported, not guessed at.
/// </summary>
public sealed class MarkdownOutline
{
    private MarkdownOutline()
    {
    }

    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Title { get; private set; }

    public int TitleLine { get; private set; }

    public List<MarkdownSection> Sections { get; } = new();

    public static MarkdownOutline Parse(string text, Action<int, string> problem)
    {
        string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var outline = new MarkdownOutline();
        int i = outline.ReadFrontMatter(lines, problem);
        MarkdownSection? section = null;
        MarkdownSection? subsection = null;
        var paragraph = new List<string>();
        int paragraphLine = 0;

        MarkdownSection? Current() => subsection ?? section;

        void Flush()
        {
            if (paragraph.Count == 0)
            {
                return;
            }

            string joined = string.Join(" ", paragraph.Select(l => l.Trim()));
            if (Current() is MarkdownSection target)
            {
                target.Blocks.Add(new MarkdownBlock(paragraphLine, joined, null));
            }
            else
            {
                problem(paragraphLine, "text before the first ## section; put it under ## DESCRIPTION.");
            }

            paragraph.Clear();
        }

        for (; i < lines.Length; i++)
        {
            string line = lines[i];
            int number = i + 1;
            string trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                i = ReadFence(lines, i, Current(), problem);
                continue;
            }

            int level = HeadingLevel(trimmed);
            if (level > 0)
            {
                Flush();
                string title = trimmed.Substring(level).Trim();
                switch (level)
                {
                    case 1:
                        if (outline.Title != null)
                        {
                            problem(number, $"a second # title '{title}'; a file documents one cmdlet.");
                        }

                        outline.Title = title;
                        outline.TitleLine = number;
                        section = subsection = null;
                        break;
                    case 2:
                        section = new MarkdownSection(title, number);
                        outline.Sections.Add(section);
                        subsection = null;
                        break;
                    case 3 when section != null:
                        subsection = new MarkdownSection(title, number);
                        section.Subsections.Add(subsection);
                        break;
                    default:
                        problem(number, $"heading '{trimmed}' is not used by cmdlet help (only #, ## and ### under a ## section).");
                        break;
                }

                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }

            if (trimmed.StartsWith("|", StringComparison.Ordinal))
            {
                problem(number, "tables do not survive Get-Help's text rendering; write sentences or a list.");
                continue;
            }

            bool listItem = IsListItem(trimmed);
            if (listItem)
            {
                Flush();
            }

            if (paragraph.Count == 0)
            {
                paragraphLine = number;
            }

            paragraph.Add(trimmed);
        }

        Flush();
        return outline;
    }

    private int ReadFrontMatter(string[] lines, Action<int, string> problem)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }

        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line == "---")
            {
                return i + 1;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                problem(i + 1, $"front matter line '{line}' is not 'key: value'.");
                continue;
            }

            FrontMatter[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
        }

        problem(1, "the front matter is not closed by a '---' line.");
        return lines.Length;
    }

    private static int ReadFence(string[] lines, int start, MarkdownSection? target, Action<int, string> problem)
    {
        string fence = lines[start].Trim();
        string language = fence.Substring(3).Trim();
        var code = new List<string>();
        int i = start + 1;
        for (; i < lines.Length && lines[i].Trim() != "```"; i++)
        {
            code.Add(lines[i]);
        }

        if (i == lines.Length)
        {
            problem(start + 1, "a ``` code block is not closed.");
        }

        if (target == null)
        {
            problem(start + 1, "a code block before the first ## section.");
        }
        else
        {
            target.Blocks.Add(new MarkdownBlock(start + 1, string.Join("\n", code).TrimEnd(), language));
        }

        return i;
    }

    private static int HeadingLevel(string line)
    {
        int level = 0;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }

        return level > 0 && level < line.Length && line[level] == ' ' ? level : 0;
    }

    private static bool IsListItem(string line)
    {
        if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
        {
            return true;
        }

        int digits = 0;
        while (digits < line.Length && char.IsDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && line.Length > digits + 1 && line[digits] == '.' && line[digits + 1] == ' ';
    }
}
