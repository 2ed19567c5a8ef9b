namespace HealthRecords.Cli.Tests.DocCommands;

public sealed class DocCommandExtractorTests
{
    [Fact]
    public void Extract_BashBlock_ReturnsEachCommandWithItsLine()
    {
        var markdown = "text\n```bash\nhrec identities\n\n# a comment line\nhrec network down\n```\n";

        var commands = DocCommandExtractor.Extract("doc.md", markdown);

        Assert.Equal(["hrec identities", "hrec network down"], commands.Select(c => c.Text));
        Assert.Equal([3, 6], commands.Select(c => c.Line));
        Assert.All(commands, c => Assert.Equal(0, c.ExpectedExitCode));
    }

    [Fact]
    public void Extract_TrailingExitComment_ExpectsThatCode()
    {
        var commands = DocCommandExtractor.Extract("doc.md", "```bash\nhrec -i clinic-doctor record get \"$rec\"   # refused: exit 2 (no consent)\n```\n");

        Assert.Equal(2, Assert.Single(commands).ExpectedExitCode);
    }

    [Fact]
    public void Extract_HashInsideQuotes_IsNotAComment()
    {
        var commands = DocCommandExtractor.Extract("doc.md", "```bash\nhrec access emergency --reason \"bed # exit 3\"\n```\n");

        Assert.Equal(0, Assert.Single(commands).ExpectedExitCode);
    }

    [Fact]
    public void Extract_SkipMarker_SkipsOnlyTheNextBlock()
    {
        var markdown = "<!-- doc-commands: skip (needs Docker) -->\n```bash\nmake network-up\n```\n\n```bash\nhrec identities\n```\n";

        var commands = DocCommandExtractor.Extract("doc.md", markdown);

        Assert.Equal("hrec identities", Assert.Single(commands).Text);
    }

    [Fact]
    public void Extract_OtherLanguages_AreNotRun()
    {
        var markdown = "```json\n{\"error\": 1}\n```\n```csharp\nvar x = 1;\n```\n```\nplain\n```\n";

        Assert.Empty(DocCommandExtractor.Extract("doc.md", markdown));
    }

    [Fact]
    public void Extract_ContinuationLines_AreJoined()
    {
        var commands = DocCommandExtractor.Extract("doc.md", "```sh\nhrec record add lab.json \\\n  -c laboratory   # exit 3\n```\n");

        var command = Assert.Single(commands);
        Assert.Equal("hrec record add lab.json -c laboratory   # exit 3", command.Text);
        Assert.Equal(3, command.ExpectedExitCode);
    }
}
