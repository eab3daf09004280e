// Glossary
//   SHA-256   hash of the uncompressed file as lower-case hex: the fetcher's proof that a file is the right one
//   .partial  the name a file is written under until its hash is checked; only then is it renamed into place,
//             so an interrupted or rejected fetch never leaves a half or wrong file under the real name
using System.Security.Cryptography;

namespace NetTrainer.Data;

/// <summary>Writes files that must match a known SHA-256, and checks files already on disk.</summary>
internal static class VerifiedFile
{
    public const string PartialSuffix = ".partial";
    private const int BufferBytes = 1 << 16;

    public static async Task<string> Sha256HexAsync(string path, CancellationToken ct)
    {
        await using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> + <see cref="PartialSuffix"/>, hashing as it
    /// goes, and renames it to <paramref name="destination"/> only if the hash is <paramref name="expectedSha256"/>.
    /// </summary>
    /// <param name="origin">Where the bytes came from, for the message of a mismatch.</param>
    /// <exception cref="InvalidDataException">The hash differs; nothing is left under either name.</exception>
    /// <param name="source">The uncompressed bytes, read to the end.</param>
    /// <param name="destination">The file to create; it is replaced only once the hash matches.</param>
    /// <param name="expectedSha256">The SHA-256 of the bytes, in hex (either case).</param>
    /// <param name="ct">Cancels the copy; the partial file is removed.</param>
    public static async Task WriteAsync(
        Stream source, string destination, string expectedSha256, string origin, CancellationToken ct)
    {
        string partial = destination + PartialSuffix;
        try
        {
            string actual;
            await using (FileStream output = new(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                byte[] buffer = new byte[BufferBytes];
                for (int read; (read = await source.ReadAsync(buffer, ct)) > 0;)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException(
                    $"{Path.GetFileName(destination)} from {origin}: SHA-256 {actual} does not match the expected {expectedSha256}");
            File.Move(partial, destination, overwrite: true);
        }
        finally
        {
            File.Delete(partial); // nothing to delete after the rename
        }
    }
}
