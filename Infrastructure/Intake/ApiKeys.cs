using System.Security.Cryptography;
using System.Text;

namespace OpinionResponse.Infrastructure.Intake;

/// <summary>
/// API keys: <c>or_</c> and 32 random bytes in base64url. Only the SHA-256 (hex) and the first characters are stored;
/// the key itself is shown once.
/// </summary>
public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    private const string Scheme = "or_";
    private const int PrefixLength = 10;

    public static string Generate() => Scheme + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What lists show to tell keys apart (<c>or_AbCdEfG</c>); far too short to guess the rest from.</summary>
    public static string PrefixOf(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
