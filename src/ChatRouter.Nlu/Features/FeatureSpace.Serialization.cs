using System.Text.Json;

namespace ChatRouter.Nlu.Features;

/// <summary>The vocabulary as a small binary entry of the model file, with its settings as JSON in front.</summary>
internal sealed partial class FeatureSpace
{
    private const int Magic = 0x43524653; // "CRFS"
    private const int Version = 1;

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(JsonSerializer.Serialize(Settings, NluJson.Options));
        writer.Write(Documents);
        writer.Write(WordFeatures);
        writer.Write(_hashes.Length);
        for (var i = 0; i < _hashes.Length; i++)
        {
            writer.Write(_hashes[i]);
            writer.Write(_documentFrequency[i]);
        }
    }

    public static FeatureSpace Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("The feature vocabulary entry is not a ChatRouter vocabulary; retrain the model with 'chatrouter train'.");
        var version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"The feature vocabulary has version {version}, this build reads {Version}; retrain the model with 'chatrouter train'.");
        var settings = JsonSerializer.Deserialize<FeatureSettings>(reader.ReadString(), NluJson.Options)
            ?? throw new InvalidDataException("The feature settings are missing; retrain the model with 'chatrouter train'.");
        var documents = reader.ReadInt32();
        var wordFeatures = reader.ReadInt32();
        var count = reader.ReadInt32();
        var hashes = new ulong[count];
        var frequency = new int[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = reader.ReadUInt64();
            frequency[i] = reader.ReadInt32();
        }

        return new FeatureSpace(settings, hashes, frequency, wordFeatures, documents);
    }
}
