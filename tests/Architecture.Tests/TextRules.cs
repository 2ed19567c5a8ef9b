using System.Text.RegularExpressions;

namespace Architecture.Tests;

/// <summary>
/// Rules over the names and literals an assembly holds, for what assembly references cannot show: code
/// that reads an application's data format (a JSON property name, say) needs no reference to the application.
/// </summary>
public static partial class TextRules
{
    /// <summary>
    /// <c>hrec</c> as a word of its own (<c>x-hrec</c>, <c>hrec</c>, <c>HREC_PROFILE</c>, <c>HrecProfile</c>),
    /// not the letters inside another word; and <c>HealthRecords</c> in any case.
    /// </summary>
    public static bool NamesHealthRecords(string text) =>
        HrecWord().IsMatch(text) || text.Contains("healthrecords", StringComparison.OrdinalIgnoreCase);

    /// <summary>The generic gateway holds no name or literal of the health-records application: no <c>x-hrec</c> profile extension, no <c>hrec</c>.</summary>
    public static readonly TextRule GatewayNamesNoHealthRecords = new(
        nameof(GatewayNamesNoHealthRecords),
        "Hyperledger.Fabric.Gateway",
        "the x-hrec profile extension (identities, HSM slots) is read by HealthRecords.Client; the gateway keeps extensions unread",
        NamesHealthRecords);

    /// <summary>Every rule, for the tests.</summary>
    public static IReadOnlyList<TextRule> All { get; } = [GatewayNamesNoHealthRecords];

    // After a non-alphanumeric (or the start), before anything but a lower-case letter.
    [GeneratedRegex("(?<![A-Za-z0-9])[Hh][Rr][Ee][Cc](?![a-z])")]
    private static partial Regex HrecWord();
}
