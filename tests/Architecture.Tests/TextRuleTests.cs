namespace Architecture.Tests;

public sealed class TextRuleTests
{
    public static TheoryData<TextRule> Rules => new(TextRules.All);

    /// <summary>Each rule with one text that breaks it: proof that the rule can fail.</summary>
    public static TheoryData<TextRule, string> BrokenBy => new()
    {
        { TextRules.GatewayNamesNoHealthRecords, "x-hrec" },
        { TextRules.GatewayNamesNoHealthRecords, "x-hrec.identities." },
        { TextRules.GatewayNamesNoHealthRecords, "HREC_PROFILE" },
        { TextRules.GatewayNamesNoHealthRecords, "HrecProfileReader" },
        { TextRules.GatewayNamesNoHealthRecords, "HealthRecords.Client.Profiles" },
        { TextRules.GatewayNamesNoHealthRecords, "healthrecords" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void RealAssembly_Texts_BreakNoRule(TextRule rule)
    {
        var texts = AssemblyText.Of(rule.Subject);

        Assert.Contains(rule.Subject, texts); // the reader saw the real assembly's names
        Assert.Empty(rule.Violations(texts));
    }

    [Theory]
    [MemberData(nameof(BrokenBy))]
    public void SyntheticTextSet_WithForbiddenText_IsAViolation(TextRule rule, string forbidden)
    {
        var texts = AssemblyText.Of(rule.Subject).Append(forbidden);

        Assert.Equal([forbidden], rule.Violations(texts));
    }

    [Fact]
    public void GatewayRule_OnTheClientThatReadsTheExtension_FindsIt()
    {
        // The same check over the assembly that does read x-hrec: the reader finds the literal in real metadata.
        var violations = TextRules.GatewayNamesNoHealthRecords.Violations(AssemblyText.Of("HealthRecords.Client"));

        Assert.Contains("x-hrec", violations);
        Assert.Contains("HealthRecords.Client.Profiles", violations);
    }

    [Fact]
    public void Gateway_Texts_HoldTheCommonProfileReader()
    {
        // Guards the rule against passing because the reader saw no literals: the common reader's own are there.
        var texts = AssemblyText.Of("Hyperledger.Fabric.Gateway");

        Assert.Contains("CommonConnectionProfile", texts);
        Assert.Contains("grpcs://", texts);
        Assert.Contains("ssl-target-name-override", texts);
    }

    [Theory]
    [InlineData("healthy")]
    [InlineData("threcord")]
    [InlineData("chrecord")]
    [InlineData("hrecord")]
    public void NamesHealthRecords_OtherWordsWithTheLetters_AreNotViolations(string text)
    {
        Assert.False(TextRules.NamesHealthRecords(text));
    }
}
