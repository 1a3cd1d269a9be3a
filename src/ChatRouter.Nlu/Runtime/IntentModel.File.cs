using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Embeddings;
using ChatRouter.Nlu.Features;
using ChatRouter.Nlu.Languages;
using ChatRouter.Nlu.Models;
using ChatRouter.Nlu.Training;
using Microsoft.ML;

namespace ChatRouter.Nlu.Runtime;

/// <summary>
/// The model file: the zip ML.NET writes (so ML.NET tools open it), with two more entries, the vocabulary and
/// the language profile; and the metadata JSON beside it. Both are written to a temporary file and moved into
/// place, and the JSON names the zip's SHA-256, so a reader never takes a half-written or mismatched pair.
/// </summary>
public sealed partial class IntentModel
{
    private const string FeaturesEntry = "ChatRouter/features.bin";
    private const string LanguageEntry = "ChatRouter/language.bin";
    private const string HeldOutEntry = "ChatRouter/holdout.tsv";
    private static readonly DateTimeOffset ReproducibleTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The metadata file of a model file: <c>X.json</c> beside <c>X.zip</c>.</summary>
    public static string MetadataPath(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <summary>Writes <paramref name="modelPath"/> and its metadata beside it, replacing both.</summary>
    public IntentModel Save(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var bytes = ModelBytes();
        var saved = new IntentModel(Input, Fitted, Language, Metadata with { ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) }) { HeldOut = HeldOut };
        var directory = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        Directory.CreateDirectory(directory);
        WriteAtomically(modelPath, bytes);
        WriteAtomically(MetadataPath(modelPath), JsonSerializer.SerializeToUtf8Bytes(saved.Metadata, NluJson.Options));
        return saved;
    }

    /// <summary>
    /// Reads a model and its metadata. Throws <see cref="FileNotFoundException"/> when either is missing and
    /// <see cref="InvalidDataException"/> when they are unreadable or do not belong together.
    /// </summary>
    public static IntentModel Load(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var metadataPath = MetadataPath(modelPath);
        if (!File.Exists(metadataPath)) throw new FileNotFoundException($"{metadataPath}: the metadata of {modelPath} is missing; train the model again or copy its .json beside it.", metadataPath);
        var bytes = File.ReadAllBytes(modelPath);
        ModelMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(metadataPath), NluJson.Options)
                ?? throw new InvalidDataException($"{metadataPath}: empty metadata; train the model again.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{metadataPath}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: invalid JSON ({e.Message}); fix it or train the model again.", e);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (metadata.ModelSha256.Length > 0 && !string.Equals(metadata.ModelSha256, hash, StringComparison.Ordinal))
            throw new InvalidDataException($"{metadataPath}: written for another {Path.GetFileName(modelPath)} (SHA-256 differs); copy a model together with its .json.");

        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var features = FeatureSpace.Read(Entry(zip, FeaturesEntry, modelPath));
            var input = new TextFeaturizer(features, Encoder(metadata, modelPath), metadata.Settings.EmbeddingWeight);
            var language = LanguageProfile.Read(Entry(zip, LanguageEntry, modelPath));
            var ml = new MLContext(metadata.Settings.Seed);
            var transformer = ml.Model.Load(new MemoryStream(bytes), out var schema);
            var fitted = LinearModelFitter.Read(ml, transformer, schema);
            if (!fitted.Labels.SequenceEqual(metadata.Labels, StringComparer.Ordinal))
                throw new InvalidDataException($"{metadataPath}: its labels differ from the model's; copy a model together with its .json.");
            if (fitted.Scorer.Features != input.Count && fitted.Scorer.Features != 0)
                throw new InvalidDataException($"{modelPath}: the model has {fitted.Scorer.Features} features but its vocabulary and embedding {input.Count}; train it again.");
            return new IntentModel(input, fitted, language, metadata) { HeldOut = ReadHeldOut(zip, modelPath) };
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException(e.Message.StartsWith(modelPath, StringComparison.Ordinal) || e.Message.StartsWith(metadataPath, StringComparison.Ordinal) ? e.Message : $"{modelPath}: not a readable intent model ({e.Message}); train it again with 'chatrouter train'.", e);
        }
    }

    /// <summary>
    /// The sentence encoder an accurate-mode model was trained with, or null in fast mode. Refuses a model whose
    /// embedding model is unknown, cannot be loaded (the message names the package) or has other weights.
    /// </summary>
    private static ISentenceEncoder? Encoder(ModelMetadata metadata, string modelPath)
    {
        if (metadata.Mode != TrainingMode.Accurate) return null;
        var wanted = metadata.Embedding ?? throw new InvalidDataException($"{MetadataPath(modelPath)}: an accurate-mode model without its 'embedding'; train it again.");
        ISentenceEncoder encoder;
        try
        {
            encoder = EmbeddingModels.Shared(EmbeddingModels.Find(wanted.Name));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{modelPath}: {e.Message}", e);
        }

        if (wanted.Sha256.Length > 0 && !string.Equals(wanted.Sha256, encoder.Sha256, StringComparison.Ordinal))
            throw new InvalidDataException($"{modelPath}: trained with other weights of '{wanted.Name}' ({wanted.Package} {wanted.PackageVersion}, SHA-256 {wanted.Sha256[..12]}…) than this build has ({encoder.Model.Package} {encoder.Model.PackageVersion}, {encoder.Sha256[..12]}…); train it again with this build.");
        return encoder;
    }

    private byte[] ModelBytes()
    {
        using var stream = new MemoryStream();
        Fitted.Context.Model.Save(Fitted.Transformer, Fitted.InputSchema, stream);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry(FeaturesEntry, CompressionLevel.Optimal).Open()) Features.Write(entry);
            using (var entry = zip.CreateEntry(LanguageEntry, CompressionLevel.Optimal).Open()) Language.Write(entry);
            if (HeldOut.Count > 0)
            {
                using var entry = zip.CreateEntry(HeldOutEntry, CompressionLevel.Optimal).Open();
                LabeledDataWriter.Write(entry, HeldOut);
            }

            // Zip entries carry the time they were written; a fixed one makes the same data give the same bytes.
            foreach (var entry in zip.Entries) entry.LastWriteTime = ReproducibleTime;
        }

        return stream.ToArray();
    }

    private static IReadOnlyList<LabeledText> ReadHeldOut(ZipArchive zip, string modelPath)
    {
        if (zip.GetEntry(HeldOutEntry) is null) return [];
        var split = LabeledDataReader.Parse(modelPath + "!" + HeldOutEntry, Entry(zip, HeldOutEntry, modelPath).ToArray());
        if (split.HasErrors) throw new InvalidDataException($"{modelPath}: its held-out split is damaged ({split.Diagnostics[0]}); train it again.");
        return split.Rows;
    }

    private static MemoryStream Entry(ZipArchive zip, string name, string modelPath)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{modelPath}: no '{name}' inside, so it was not written by 'chatrouter train'; train it again.");
        var copy = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
