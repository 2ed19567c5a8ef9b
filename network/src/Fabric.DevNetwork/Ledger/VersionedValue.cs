using Google.Protobuf;

namespace Fabric.DevNetwork.Ledger;

/// <summary>A committed value of a key with its version and its state metadata.</summary>
/// <param name="Value">The value bytes (immutable).</param>
/// <param name="Version">The block and transaction that last wrote the key (or its metadata).</param>
/// <param name="Metadata">
/// The key's state metadata by name, for example <c>VALIDATION_PARAMETER</c> (a serialized
/// <c>common.SignaturePolicyEnvelope</c> used by state-based endorsement); empty when none.
/// </param>
public sealed record VersionedValue(ByteString Value, StateVersion Version, IReadOnlyDictionary<string, ByteString> Metadata);
