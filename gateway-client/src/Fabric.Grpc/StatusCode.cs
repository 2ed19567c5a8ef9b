namespace Fabric.Grpc;

/// <summary>gRPC status codes, with the numeric values the wire uses.</summary>
public enum StatusCode
{
    /// <summary>Success.</summary>
    OK = 0,

    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,

    /// <summary>An unknown error.</summary>
    Unknown = 2,

    /// <summary>The client sent an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller may not perform the operation.</summary>
    PermissionDenied = 7,

    /// <summary>A resource (quota, message size) is exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, for example by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>The operation went past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The method is not implemented by the server.</summary>
    Unimplemented = 12,

    /// <summary>An internal error: an invariant of the protocol or the server was broken.</summary>
    Internal = 13,

    /// <summary>The service is unavailable; retrying may help.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The caller is not authenticated.</summary>
    Unauthenticated = 16,
}
