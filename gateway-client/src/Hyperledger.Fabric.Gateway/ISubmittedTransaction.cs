namespace Hyperledger.Fabric.Gateway;

/// <summary>A transaction accepted for ordering (the official clients' <c>SubmittedTransaction</c>): its result and its commit status.</summary>
public interface ISubmittedTransaction : ICommit
{
    /// <summary>The chaincode's result, as endorsed.</summary>
    ReadOnlyMemory<byte> Result { get; }
}
