using System.Text;
using System.Text.Json;
using Hyperledger.Fabric.Shim;
using Hyperledger.Fabric.Shim.Testing;

namespace HealthRecords.Chaincode.Tests.Infrastructure;

/// <summary>What one transaction did: the response, the write set the peer would have collected, the event.</summary>
/// <param name="TxId">The transaction id.</param>
/// <param name="Response">The chaincode's response.</param>
/// <param name="Writes">The public write set, in key order (null values are deletes).</param>
/// <param name="Event">The event the transaction set, if any.</param>
/// <param name="Committed">True when the harness committed the writes.</param>
internal sealed record TxOutcome(
    string TxId, ChaincodeResponse Response, IReadOnlyList<KeyValuePair<string, byte[]?>> Writes, InMemoryChaincodeEvent? Event, bool Committed)
{
    public int Status => Response.Status;

    public string Message => Response.Message;

    public bool IsSuccess => Response.IsSuccess;

    public byte[] PayloadBytes => Response.Payload.ToArray();

    public string PayloadText => Encoding.UTF8.GetString(Response.Payload.Span);

    /// <summary>The payload parsed as JSON (fails the test when the call failed).</summary>
    public JsonElement Json
    {
        get
        {
            Assert.True(IsSuccess, $"expected success but got {Status}: {Message}");
            using var document = JsonDocument.Parse(Response.Payload);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Asserts a refusal: the status, the <c>CODE: </c> prefix, and that nothing was written, emitted or committed.</summary>
    public TxOutcome AssertRefused(int status, string code)
    {
        Assert.Equal(status, Status);
        Assert.StartsWith(code + ": ", Message, StringComparison.Ordinal);
        Assert.True(Message.Length > code.Length + 2, "the message explains the refusal");
        AssertNothingWritten();
        return this;
    }

    /// <summary>Asserts an empty write set, no event and no commit.</summary>
    public void AssertNothingWritten()
    {
        Assert.Empty(Writes);
        Assert.Null(Event);
        Assert.False(Committed);
    }
}
