using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Backprop.Serialization;

namespace Backprop.ModelSelection;

/// <summary>
/// What a search's progress file records of its data file, so that a file changed in place (same path, same row
/// count) is not taken for the data its scores were measured on: the size and the SHA-256 of the content, read in
/// one streaming pass (about a second per gigabyte). Standard input, a device or a pipe cannot be read twice and is
/// recorded as such, unhashed.
/// </summary>
internal static class DataFingerprint
{
    /// <summary>The fingerprint of the file at <paramref name="path"/>.</summary>
    public static JsonObject Of(string path)
    {
        if (path == OutputPath.Standard || FileIdentity.IsSpecial(path) || !File.Exists(path)) return new JsonObject { ["stream"] = true };
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        for (int read; (read = stream.Read(buffer)) > 0; bytes += read) hash.AppendData(buffer, 0, read);
        return new JsonObject { ["bytes"] = bytes, ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()) };
    }
}
