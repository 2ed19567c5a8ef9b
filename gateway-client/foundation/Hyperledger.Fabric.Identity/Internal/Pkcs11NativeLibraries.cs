using System.Reflection;
using System.Runtime.InteropServices;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>
/// Pkcs11Interop loads PKCS#11 modules through <c>dlopen</c> from a library it names <c>libdl</c>.
/// Current glibc (2.34 and later) ships only <c>libdl.so.2</c> (its functions live in libc), with no
/// unversioned <c>libdl.so</c> outside the -dev package, so that name is resolved here.
/// </summary>
internal static class Pkcs11NativeLibraries
{
    private static int s_registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(Net.Pkcs11Interop.HighLevelAPI.Pkcs11InteropFactories).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "libdl" || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in new[] { "libdl.so.2", "libdl.so", "libc.so.6" })
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
