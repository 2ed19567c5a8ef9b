namespace Hyperledger.Fabric.Identity;

/// <summary>
/// A PKCS#11 token refused or failed an operation: the library could not be loaded, the token or key
/// was not found, the PIN was wrong, or the token did not answer in time. The message says which and
/// never contains the PIN.
/// </summary>
public sealed class HsmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HsmException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public HsmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The PKCS#11 error, if any.</param>
    public HsmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the PKCS#11 return value.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="returnValue">The PKCS#11 return value name, e.g. <c>CKR_PIN_INCORRECT</c>.</param>
    /// <param name="innerException">The PKCS#11 error, if any.</param>
    public HsmException(string message, string? returnValue, Exception? innerException)
        : base(message, innerException)
    {
        ReturnValue = returnValue;
    }

    /// <summary>The PKCS#11 return value name (<c>CKR_PIN_INCORRECT</c>, <c>CKR_TOKEN_NOT_PRESENT</c>…), or null when the failure was not a PKCS#11 error.</summary>
    public string? ReturnValue { get; }
}
