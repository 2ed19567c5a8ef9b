namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// What one endpoint behind the gateway (a peer or an orderer) answered when the operation failed there,
/// decoded from the <c>gateway.ErrorDetail</c> entries of the gRPC status details.
/// </summary>
/// <param name="Address">The endpoint's address, for example <c>peer0.org2.example.com:9051</c>.</param>
/// <param name="MspId">The endpoint's organisation, for example <c>Org2MSP</c>.</param>
/// <param name="Message">The endpoint's error message (for a chaincode error, the chaincode's message).</param>
public sealed record ErrorDetail(string Address, string MspId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Address} ({MspId}): {Message}";
}
