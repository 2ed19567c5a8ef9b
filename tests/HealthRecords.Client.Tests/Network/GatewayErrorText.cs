using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthRecords.Client.Tests.Network;

/// <summary>
/// The normalisation ../shared/fabric-reference/README.md allows: transaction ids and record ids differ
/// on every run, and peers listen on other ports, so those become placeholders before comparing.
/// </summary>
public static partial class GatewayErrorText
{
    /// <summary>Replaces transaction ids, record ids and peer addresses with placeholders.</summary>
    /// <param name="text">A message or detail field.</param>
    /// <param name="peerOrganisation">Maps a port to the name of the organisation whose peer listens there.</param>
    public static string Normalise(string? text, Func<int, string?> peerOrganisation)
    {
        if (text is null)
        {
            return "";
        }

        var result = TransactionId().Replace(text, "<txid>");
        result = RecordId().Replace(result, "<record>");
        return Address().Replace(result, m =>
            peerOrganisation(int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture)) is { } org ? $"<{org}-peer>" : m.Value);
    }

    /// <summary>The Fabric networks' peer ports (2.5.16: 17051/19051, 3.1.5: 27051/29051).</summary>
    public static string? FabricPeerOrganisation(int port) => port switch
    {
        17051 or 27051 => "Org1MSP",
        19051 or 29051 => "Org2MSP",
        _ => null,
    };

    /// <summary>The (address, mspId, message) list of a JSON details array, normalised.</summary>
    public static IReadOnlyList<string> Details(JsonElement details, Func<int, string?> peerOrganisation) =>
        details.ValueKind != JsonValueKind.Array
            ? []
            : details.EnumerateArray()
                .Select(d => $"{Normalise(d.GetProperty("address").GetString(), peerOrganisation)} | {d.GetProperty("mspId").GetString()} | {Normalise(d.GetProperty("message").GetString(), peerOrganisation)}")
                .ToList();

    [GeneratedRegex("\\b[0-9a-f]{64}\\b")]
    private static partial Regex TransactionId();

    [GeneratedRegex("\\brec-[0-9a-f]{40}\\b")]
    private static partial Regex RecordId();

    [GeneratedRegex("\\b(?:127\\.0\\.0\\.1|localhost|peer0\\.org\\d\\.example\\.com):(?<port>\\d+)\\b")]
    private static partial Regex Address();
}
