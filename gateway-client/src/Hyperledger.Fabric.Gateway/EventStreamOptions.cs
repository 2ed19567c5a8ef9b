namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// The opt-in reconnection that block-event and chaincode-event streams share: the base of
/// <see cref="BlockEventsOptions"/> and <see cref="ChaincodeEventsOptions"/>.
/// </summary>
public abstract record EventStreamOptions
{
    // Only this assembly's event options derive from it: the stream implementations read exactly these settings.
    private protected EventStreamOptions()
    {
    }

    /// <summary>
    /// Reconnect after the stream breaks (peer restart, lost connection), trying each endpoint in turn and
    /// resuming right after the last block or event delivered, so none is lost or repeated. Needs a signer
    /// (each reconnection signs a new request). Default false: a broken stream throws.
    /// </summary>
    public bool Reconnect { get; init; }

    /// <summary>First delay before reconnecting; doubled after each failed attempt up to <see cref="MaxReconnectDelay"/>. Default 500 ms.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between reconnection attempts. Default 10 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failed reconnection attempts before the stream gives up and throws; null for no limit. Default null.</summary>
    public int? MaxReconnectAttempts { get; init; }
}
