using System.Text;

namespace Hyperledger.Fabric.Shim.Testing;

/// <summary>The outcome of a transaction run by <see cref="ChaincodeTester"/>.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Response">What the chaincode returned.</param>
/// <param name="Event">The event it set, if any (recorded on the ledger only when committed).</param>
/// <param name="Committed">True when the writes reached the ledger (a successful submit).</param>
public sealed record InMemoryTransactionResult(string TxId, ChaincodeResponse Response, InMemoryChaincodeEvent? Event, bool Committed)
{
    /// <summary>The response status.</summary>
    public int Status => Response.Status;

    /// <summary>The error message (empty on success).</summary>
    public string Message => Response.Message;

    /// <summary>True when the status is below 400.</summary>
    public bool IsSuccess => Response.IsSuccess;

    /// <summary>The payload decoded as UTF-8.</summary>
    public string PayloadAsString => Encoding.UTF8.GetString(Response.Payload.Span);
}
