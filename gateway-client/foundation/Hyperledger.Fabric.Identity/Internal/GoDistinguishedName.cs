using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>
/// Formats an X.509 name the way Fabric's Go chaincode library does for client identity ids:
/// Go parses the name into fixed fields and re-emits them in the order SERIALNUMBER, CN, OU, O,
/// POSTALCODE, STREET, L, ST, C (repeated values of one type form one RDN joined by '+'), drops
/// attribute types it does not name, and escapes RFC 2253 special characters.
/// </summary>
internal static class GoDistinguishedName
{
    // Field order as Go builds the RDN sequence; the string is this order reversed.
    private static readonly (string Oid, string Name)[] s_fieldOrder =
    [
        ("2.5.4.6", "C"),
        ("2.5.4.8", "ST"),
        ("2.5.4.7", "L"),
        ("2.5.4.9", "STREET"),
        ("2.5.4.17", "POSTALCODE"),
        ("2.5.4.10", "O"),
        ("2.5.4.11", "OU"),
        ("2.5.4.3", "CN"),
        ("2.5.4.5", "SERIALNUMBER"),
    ];

    public static string Format(X500DistinguishedName name)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (oid, value) in ReadAttributes(name))
        {
            if (!values.TryGetValue(oid, out var list))
            {
                list = [];
                values[oid] = list;
            }

            // Go keeps only the last CN and serial number; the other fields keep every value.
            if (oid is "2.5.4.3" or "2.5.4.5")
            {
                list.Clear();
            }

            list.Add(value);
        }

        var builder = new StringBuilder();
        for (var i = s_fieldOrder.Length - 1; i >= 0; i--)
        {
            var (oid, typeName) = s_fieldOrder[i];
            if (!values.TryGetValue(oid, out var list) || list.Count == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            for (var j = 0; j < list.Count; j++)
            {
                if (j > 0)
                {
                    builder.Append('+');
                }

                builder.Append(typeName).Append('=');
                AppendEscaped(builder, list[j]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Every attribute in encoding order whose value is a character string.</summary>
    public static IEnumerable<(string Oid, string Value)> ReadAttributes(X500DistinguishedName name)
    {
        var result = new List<(string, string)>();
        var reader = new AsnReader(name.RawData, AsnEncodingRules.BER);
        var rdns = reader.ReadSequence();
        while (rdns.HasData)
        {
            var set = rdns.ReadSetOf(skipSortOrderValidation: true);
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var value = TryReadString(attribute);
                if (value is not null)
                {
                    result.Add((oid, value));
                }
            }
        }

        return result;
    }

    private static string? TryReadString(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            reader.ReadEncodedValue();
            return null;
        }

        switch ((UniversalTagNumber)tag.TagValue)
        {
            case UniversalTagNumber.UTF8String:
            case UniversalTagNumber.PrintableString:
            case UniversalTagNumber.IA5String:
            case UniversalTagNumber.T61String:
            case UniversalTagNumber.BMPString:
            case UniversalTagNumber.NumericString:
            case UniversalTagNumber.VisibleString:
                return reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            default:
                reader.ReadEncodedValue();
                return null;
        }
    }

    private static void AppendEscaped(StringBuilder builder, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = (i == 0 && (c == ' ' || c == '#'))
                || (i == value.Length - 1 && c == ' ')
                || c is ',' or '+' or '"' or '\\' or '<' or '>' or ';';
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }
    }
}
