namespace HealthRecords.Cli.Internal;

/// <summary>One peer as <c>hrec network status</c> found it (the JSON output's <c>peers</c> entries).</summary>
/// <param name="Name">The peer's profile name.</param>
/// <param name="Url">Its Gateway address.</param>
/// <param name="MspId">Its organisation, when the profile names one.</param>
/// <param name="State">One of <see cref="Up"/>, <see cref="TlsError"/>, <see cref="Unreachable"/>, <see cref="GatewayError"/>, <see cref="Unchecked"/>.</param>
/// <param name="Height">The channel's ledger height on that peer, when it is up.</param>
/// <param name="Error">Why it is not up; null when it is.</param>
internal sealed record PeerState(string Name, string Url, string? MspId, string State, ulong? Height, string? Error)
{
    /// <summary>TLS and the Gateway service answered, with the ledger height.</summary>
    public const string Up = "up";

    /// <summary>A TCP connection opened but TLS failed (the wrong TLS CA, a certificate for another host).</summary>
    public const string TlsError = "tls-error";

    /// <summary>Nothing answered in time, or the connection was refused.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The Gateway answered the check with an error.</summary>
    public const string GatewayError = "gateway-error";

    /// <summary>Not checked: no identity to sign with.</summary>
    public const string Unchecked = "unchecked";

    /// <summary>The peer answered over TLS (also when its Gateway refused the query).</summary>
    public bool Reachable => State is Up or GatewayError;
}
