using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Fabric.CryptoGen.Internal;

/// <summary>
/// Encodes a subject the way Go's crypto/x509 does for cryptogen: RDNs in the order C, ST, L,
/// STREET, POSTALCODE, O, OU, CN, several values of one type sharing one RDN, and PrintableString
/// where the value allows it (UTF8String otherwise).
/// </summary>
internal static class SubjectName
{
    public static X500DistinguishedName Build(
        CertificateSubjectOptions subject,
        string? organization,
        IEnumerable<string> organizationalUnits,
        string commonName)
    {
        var ous = new List<string>();
        if (!string.IsNullOrEmpty(subject.OrganizationalUnit))
        {
            ous.Add(subject.OrganizationalUnit);
        }

        ous.AddRange(organizationalUnits.Where(o => !string.IsNullOrEmpty(o)));
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteRdn(writer, "2.5.4.6", subject.Country);
            WriteRdn(writer, "2.5.4.8", subject.Province);
            WriteRdn(writer, "2.5.4.7", subject.Locality);
            WriteRdn(writer, "2.5.4.9", subject.StreetAddress);
            WriteRdn(writer, "2.5.4.17", subject.PostalCode);
            WriteRdn(writer, "2.5.4.10", organization);
            WriteRdn(writer, "2.5.4.11", [.. ous]);
            WriteRdn(writer, "2.5.4.3", commonName);
        }

        return new X500DistinguishedName(writer.Encode());
    }

    private static void WriteRdn(AsnWriter writer, string oid, params string?[] values)
    {
        var present = values.Where(v => !string.IsNullOrEmpty(v)).ToArray();
        if (present.Length == 0)
        {
            return;
        }

        using (writer.PushSetOf())
        {
            foreach (var value in present)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                    writer.WriteCharacterString(IsPrintable(value!) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value!);
                }
            }
        }
    }

    private static bool IsPrintable(string value) =>
        value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?');
}
