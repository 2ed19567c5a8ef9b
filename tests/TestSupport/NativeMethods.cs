using System.Runtime.InteropServices;

namespace TestSupport;

/// <summary>
/// libc's <c>setenv</c>: on Unix, <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only
/// .NET's own copy of the environment, and a native PKCS#11 module (SoftHSM2 reading SOFTHSM2_CONF) sees the
/// process's real one.
/// </summary>
internal static class NativeMethods
{
    public static void SetNativeEnvironmentVariable(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc.so.6", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int setenv(string name, string value, int overwrite);
}
