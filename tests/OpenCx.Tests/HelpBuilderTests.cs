using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OpenCx.HelpBuilder;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;
using OpenCx.HelpBuilder.Reading;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>The markdown-to-help converter on its own: what it refuses, and the shape of the text it writes.</summary>
public sealed class HelpBuilderTests
{
    // A raw literal has the line endings of this file as checked out: the page is LF whatever they are.
    private static readonly string Page = """
        ---
        external help file: OpenCx.PowerShell.dll-Help.xml
        Module Name: OpenCx
        schema: 2.0.0
        ---

        # Get-Thing

        ## SYNOPSIS
        Gets things.

        ## SYNTAX

        ```
        Get-Thing [-Name <string>] [<CommonParameters>]
        ```

        ## DESCRIPTION
        Gets the things.

        ## EXAMPLES

        ### Example 1: Get them
        ```powershell
        Get-Thing
        ```

        Gets them all.

        ## PARAMETERS

        ### -Name
        The thing's name.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases:

        Required: False
        Position: Named
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ## INPUTS

        ### None

        ## OUTPUTS

        ### System.Object

        ## NOTES

        ## RELATED LINKS
        """.ReplaceLineEndings("\n");

    [Fact]
    public void A_well_formed_page_is_read_with_its_syntax_order_and_example()
    {
        CommandHelp help = CommandHelpReader.Read(MarkdownFile.Parse("Get-Thing.md", Page));

        Assert.Equal("Gets things.", help.Synopsis);
        Assert.Equal(new[] { "Name" }, Assert.Single(help.Syntax).ParameterOrder);
        Assert.Equal("Get-Thing", Assert.Single(help.Examples).Code);
    }

    [Fact]
    public void A_parameter_missing_from_the_syntax_line_is_refused_with_the_file_name()
    {
        string page = Page.Replace("[-Name <string>] ", string.Empty, StringComparison.Ordinal);

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read(MarkdownFile.Parse("Get-Thing.md", page)));

        Assert.StartsWith("Get-Thing.md(", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Not on the syntax line: -Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_field_is_refused_at_its_line()
    {
        string page = Page.Replace("Aliases:\n", "Alias: n\n", StringComparison.Ordinal);

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read(MarkdownFile.Parse("Get-Thing.md", page)));

        Assert.Equal(Page.Split('\n').ToList().IndexOf("Aliases:") + 1, error.Line);
    }

    [Theory]
    [InlineData("Get-Thing\n```\n\nGets", "Get-Thing\n\nGets", "```powershell")]
    [InlineData("False\n```\n", "False\n", "```yaml")]
    public void A_fence_left_open_is_refused_at_the_line_that_opens_it(string closed, string open, string opening)
    {
        string page = Page.Replace(closed, open, StringComparison.Ordinal);

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => MarkdownFile.Parse("Get-Thing.md", page));

        Assert.StartsWith("A fenced code block is not closed", error.Message, StringComparison.Ordinal);
        Assert.Equal(page.Split('\n').ToList().IndexOf(opening) + 1, error.Line);
    }

    [Fact]
    public void Markup_that_help_cannot_show_is_refused_at_its_line()
    {
        string page = Page.Replace("## NOTES\n", "## NOTES\n\n<!-- for writers -->\n", StringComparison.Ordinal);

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read(MarkdownFile.Parse("Get-Thing.md", page)));

        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.Equal(page.Split('\n').ToList().IndexOf("<!-- for writers -->") + 1, error.Line);
    }

    [Fact]
    public void The_module_page_is_not_held_to_what_help_can_show()
    {
        string folder = Directory.CreateTempSubdirectory("opencx-help-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Get-Thing.md"), Page);
            File.WriteAllText(Path.Combine(folder, "Things.md"), "---\nModule Name: Things\nModule Guid: 00000000-0000-0000-0000-000000000001\n---\n\n# Things Module\n\n<!-- for writers -->\n");

            IReadOnlyList<string> written = HelpBuild.Run(folder, Path.Combine(folder, "out"));

            Assert.Equal(new[] { "OpenCx.PowerShell.dll-Help.xml" }, written.Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Front_matter_left_open_is_refused_as_such()
    {
        string page = Page.Replace("schema: 2.0.0\n---\n", "schema: 2.0.0\n", StringComparison.Ordinal);

        HelpFormatException error = Assert.Throws<HelpFormatException>(() => MarkdownFile.Parse("Get-Thing.md", page));

        Assert.Equal((1, "The front matter opened with '---' is not closed with '---'."), (error.Line, error.Message));
    }

    [Fact]
    public void Inline_markup_becomes_the_text_a_console_shows()
    {
        string text = InlineText.Plain("An escaped \\*star\\*, **strong** and _em_, `-Name`, [a page](Get-Thing.md) and [the web](https://example.com/x).");

        Assert.Equal("An escaped *star*, strong and em, -Name, a page and the web (https://example.com/x).", text);
    }

    [Fact]
    public void The_about_topic_is_80_columns_wide_apart_from_code()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.ModuleFolder, "en-US", "about_OpenCx.help.txt"));
        HashSet<string> code = CodeLines(File.ReadAllLines(HelpDocs.AboutTopic));

        Assert.Equal(new[] { "TOPIC", "    about_OpenCx" }, lines.Take(2).Select(l => l.TrimStart('\uFEFF')));
        Assert.All(lines, l => Assert.True(l.Length <= 80 || code.Contains(l.Trim()), l));
    }

    private static HashSet<string> CodeLines(string[] markdown)
    {
        var code = new HashSet<string>();
        bool inFence = false;
        foreach (string line in markdown)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (inFence)
            {
                code.Add(line.Trim());
            }
        }

        return code;
    }
}
