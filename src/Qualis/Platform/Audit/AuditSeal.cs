using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qualis.Platform.Audit;

/// <summary>
/// A seal of the audit chain (审计封签): the chain's head at one moment — the last entry's sequence number and hash —
/// signed with a private key that is not in the database. Whoever rewrites the database can recompute every hash after
/// an entry they changed, but not the signature over the head it had; anyone holding an earlier seal (the public page's
/// download) can therefore prove a later rewrite or a cut tail. Seals are not themselves audited: sealing adds no entry,
/// so a quiet chain is not sealed again and again.
/// </summary>
public sealed class AuditSeal : INotAudited
{
    public Guid Id { get; set; }
    public long Sequence { get; set; }
    public string HeadHash { get; set; } = "";
    public DateTime SealedAt { get; set; }
    /// <summary>ECDSA P-256 over SHA-256 of <see cref="SealStatement.Text"/>, DER-encoded (what <c>openssl dgst -verify</c> reads), base64.</summary>
    public string Signature { get; set; } = "";
    /// <summary>The SHA-256 of the signing key's public key (SubjectPublicKeyInfo, DER), hex.</summary>
    public string KeyId { get; set; } = "";

    public SealStatement Statement => new(Sequence, HeadHash, SealedAt, KeyId);
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> b)
    {
        b.ToTable("AuditSeals");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.HeadHash).HasMaxLength(64);
        b.Property(s => s.Signature).HasMaxLength(128);
        b.Property(s => s.KeyId).HasMaxLength(64);
        // One seal per head: a double click or two instances sealing the same head make one row.
        b.HasIndex(s => s.Sequence).IsUnique();
    }
}

/// <summary>
/// What a seal signs, as text: a format line, then one <c>name=value</c> line each. Written out in the seal file so that
/// anyone can check a seal with openssl alone.
/// </summary>
public sealed record SealStatement(long Sequence, string HeadHash, DateTime SealedAt, string KeyId)
{
    public const string Format = "qualis-audit-seal/1";

    /// <summary>Microseconds, as PostgreSQL keeps them (<see cref="AuditEntry.Truncate"/>), always UTC.</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.ffffffZ";

    public string Text => string.Join('\n', Format, $"sequence={Sequence.ToString(CultureInfo.InvariantCulture)}", $"head-hash={HeadHash}",
        $"sealed-at={Time(SealedAt)}", $"key-id={KeyId}");

    public static string Time(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseTime(string? text, out DateTime utc) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
}

/// <summary>
/// The sealing key (封签密钥): an ECDSA key on the P-256 curve. Signs with the private half when it has it; verifies with
/// the public half. Its id is the SHA-256 of the public key's SubjectPublicKeyInfo, the same as
/// <c>openssl pkey -pubin -outform DER | sha256sum</c>.
/// </summary>
public sealed class AuditSealKey : IDisposable
{
    private const string P256 = "1.2.840.10045.3.1.7";
    private readonly ECDsa _key;

    private AuditSealKey(ECDsa key, bool canSign)
    {
        _key = key;
        CanSign = canSign;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(spki));
        PublicKeyPem = PemEncoding.WriteString("PUBLIC KEY", spki);
    }

    public bool CanSign { get; }
    public string KeyId { get; }
    public string PublicKeyPem { get; }

    /// <summary>A new P-256 key.</summary>
    public static AuditSealKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>The private key in PEM (PKCS#8 "PRIVATE KEY", or openssl's "EC PRIVATE KEY"); refuses anything but a P-256 private key.</summary>
    public static AuditSealKey FromPrivateKeyPem(string pem)
    {
        var key = Import(pem);
        try
        {
            _ = key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new FormatException("the PEM holds a public key, not the private key");
        }
        return new AuditSealKey(key, canSign: true);
    }

    /// <summary>A public key in PEM ("PUBLIC KEY"), to verify seals only.</summary>
    public static AuditSealKey FromPublicKeyPem(string pem)
    {
        var key = Import(pem);
        return new AuditSealKey(key, canSign: false);
    }

    private static ECDsa Import(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException("not a PEM-encoded EC key: " + e.Message, e);
        }
        var curve = key.ExportParameters(false).Curve;
        if (!curve.IsNamed || (curve.Oid.Value != P256 && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1")))
        {
            key.Dispose();
            throw new FormatException("the key is not on the P-256 curve (openssl: -pkeyopt ec_paramgen_curve:P-256)");
        }
        return key;
    }

    /// <summary>The private key as PKCS#8 PEM (to keep a generated key in a file).</summary>
    public string ExportPrivateKeyPem() => CanSign ? _key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("A public key cannot export a private key.");

    public string Sign(SealStatement statement)
    {
        if (!CanSign) throw new InvalidOperationException("This sealing key is a public key only.");
        if (statement.KeyId != KeyId) throw new ArgumentException("The statement names another key.", nameof(statement));
        return Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(statement.Text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>True when <paramref name="signature"/> is this key's signature of exactly this statement.</summary>
    public bool Verify(SealStatement statement, string signature)
    {
        if (statement.KeyId != KeyId) return false;
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return false;
        try
        {
            return _key.VerifyData(Encoding.UTF8.GetBytes(statement.Text), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>
/// The seal file (封签文件): every seal with the public key, as the public page offers it and
/// <c>verify-audit --seals FILE</c> reads it. A copy kept outside the platform proves the chain as it was when the copy
/// was taken, even if the seals table is rewritten later.
/// </summary>
public sealed record SealFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("publicKey")] string? PublicKey,
    [property: JsonPropertyName("keyId")] string? KeyId,
    [property: JsonPropertyName("seals")] IReadOnlyList<SealFile.Seal> Seals)
{
    public const string FormatName = "qualis-audit-seals/1";

    public sealed record Seal(
        [property: JsonPropertyName("sequence")] long Sequence,
        [property: JsonPropertyName("headHash")] string HeadHash,
        [property: JsonPropertyName("sealedAt")] string SealedAt,
        [property: JsonPropertyName("keyId")] string KeyId,
        [property: JsonPropertyName("signature")] string Signature,
        [property: JsonPropertyName("statement")] string? Statement)
    {
        public static Seal Of(AuditSeal s) => new(s.Sequence, s.HeadHash, SealStatement.Time(s.SealedAt), s.KeyId, s.Signature, s.Statement.Text);
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a seal file; a file that is not one says why.</summary>
    public static SealFile Read(Stream json)
    {
        SealFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SealFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException("not a seal file: " + e.Message, e);
        }
        if (file is null || file.Format != FormatName || file.Seals is null)
            throw new FormatException($"not a seal file: its format is not {FormatName}");
        return file;
    }
}
