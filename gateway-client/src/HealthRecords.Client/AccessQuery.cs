namespace HealthRecords.Client;

/// <summary>
/// A requester's signed <c>CheckAccess</c> proposal, handed to a custodian's data server so that its
/// <see cref="ConsentGuard"/> can ask the ledger about the requester (the chaincode only answers about
/// the identity that signed the proposal). Create it with
/// <see cref="HealthRecordsClient.CreateAccessQueryAsync"/>; send it with <see cref="Encode"/>.
/// </summary>
/// <param name="Proposal">The unsigned proposal (<c>gateway.ProposedTransaction</c> bytes).</param>
/// <param name="Signature">The requester's DER signature over the proposal's digest.</param>
public sealed record AccessQuery(ReadOnlyMemory<byte> Proposal, ReadOnlyMemory<byte> Signature)
{
    /// <summary>A compact text form for an HTTP header: <c>base64(proposal).base64(signature)</c>.</summary>
    /// <returns>The encoded query.</returns>
    public string Encode() => Convert.ToBase64String(Proposal.Span) + "." + Convert.ToBase64String(Signature.Span);

    /// <summary>Parses <see cref="Encode"/>'s output.</summary>
    /// <param name="text">The encoded query.</param>
    /// <returns>The query.</returns>
    /// <exception cref="FormatException">Not two base64 parts separated by a dot.</exception>
    public static AccessQuery Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            throw new FormatException("An access query is base64(proposal).base64(signature).");
        }

        return new AccessQuery(Convert.FromBase64String(text[..dot]), Convert.FromBase64String(text[(dot + 1)..]));
    }
}
