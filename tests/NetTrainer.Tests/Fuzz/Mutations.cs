// Glossary
//   mutation   one seeded change of a valid file: bit flips, a truncation, a header size edit, appended bytes, or
//              damage to a gzip stream (its header, its deflate body, its CRC/length trailer)
using System.Buffers.Binary;
using System.Diagnostics;
using static NetTrainer.Tests.Data.IdxFixture;

namespace NetTrainer.Tests.Fuzz;

/// <summary>The kinds of damage the fuzz tests apply, each seeded so a failing case can be replayed by its number.</summary>
public enum MutationKind
{
    BitFlips,
    Truncation,
    HeaderSizeEdit,
    AppendedBytes,
    GzipDamage,
}

/// <summary>Seeded mutations of a valid file, and a runner that checks every one fails cleanly and cheaply.</summary>
public static class Mutations
{
    /// <summary>The header sizes a fuzzer tries: zero, negative, off by one, at int limits, and huge.</summary>
    private static readonly int[] EdgeSizes = [0, -1, 1, 2, int.MaxValue, int.MinValue, 1 << 20, 1 << 30, 65_536, 100_000_000];

    /// <summary>
    /// Mutation number <paramref name="index"/> of <paramref name="original"/>. <paramref name="sizeFields"/> are byte
    /// offsets of big-endian int32 sizes in the raw file (IDX dims); <paramref name="editText"/>, when given, edits a
    /// size in a text format instead (the model's "sizes").
    /// </summary>
    public static (MutationKind Kind, byte[] Bytes) Make(byte[] original, int index, IReadOnlyList<int> sizeFields,
        Func<byte[], Random, byte[]>? editText = null)
    {
        var rng = new Random(index);
        var kind = (MutationKind)(index % Enum.GetValues<MutationKind>().Length);
        byte[] bytes = (byte[])original.Clone();
        switch (kind)
        {
            case MutationKind.BitFlips:
                for (int flips = rng.Next(1, 9); flips > 0; flips--)
                {
                    // Half the flips in the first 64 bytes, where the headers and names are.
                    int at = rng.Next(2) == 0 ? rng.Next(Math.Min(64, bytes.Length)) : rng.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                }
                return (kind, bytes);
            case MutationKind.Truncation:
                return (kind, bytes[..rng.Next(bytes.Length)]);
            case MutationKind.HeaderSizeEdit:
                if (editText is not null)
                    return (kind, editText(bytes, rng));
                int field = sizeFields[rng.Next(sizeFields.Count)];
                int old = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(field));
                int size = rng.Next(3) switch
                {
                    0 => EdgeSizes[rng.Next(EdgeSizes.Length)],
                    1 => old + rng.Next(-2, 3),
                    _ => rng.Next(),
                };
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(field), size);
                return (kind, bytes);
            case MutationKind.AppendedBytes:
                byte[] extra = new byte[rng.Next(1, 200)];
                rng.NextBytes(extra);
                return (kind, [.. bytes, .. extra]);
            default:
                byte[] gz = Gzip(bytes);
                switch (rng.Next(4))
                {
                    case 0: // the 10-byte gzip header: magic, method, flags
                        gz[rng.Next(10)] ^= (byte)(1 << rng.Next(8));
                        break;
                    case 1: // the deflate body
                        gz[rng.Next(10, gz.Length - 8)] ^= (byte)(1 << rng.Next(8));
                        break;
                    case 2: // the CRC-32 and length trailer
                        gz[gz.Length - 1 - rng.Next(8)] ^= (byte)(1 << rng.Next(8));
                        break;
                    default: // cut short
                        gz = gz[..rng.Next(gz.Length)];
                        break;
                }
                return (kind, gz);
        }
    }

    /// <summary>What a fuzz run saw: mutations per kind, how many loaded anyway, the slowest and the most allocating.</summary>
    public sealed record Report(IReadOnlyDictionary<MutationKind, int> PerKind, int Rejected, int Accepted, TimeSpan Slowest, long MostAllocated, TimeSpan Total)
    {
        public override string ToString() =>
            $"{PerKind.Values.Sum()} mutations ({string.Join(", ", PerKind.Select(p => $"{p.Key} {p.Value}"))}): {Rejected} rejected, " +
            $"{Accepted} still valid; slowest {Slowest.TotalMilliseconds:F1} ms, most allocated {MostAllocated / 1024} KiB, {Total.TotalSeconds:F2} s in all";
    }

    /// <summary>
    /// Writes each of <paramref name="count"/> mutations to <paramref name="path"/> and runs <paramref name="load"/> on
    /// it: it either succeeds or throws one of <paramref name="documented"/>; it allocates at most
    /// <paramref name="allocationBound"/>(file length) bytes and takes at most <paramref name="slowest"/>.
    /// </summary>
    public static Report Run(string path, int count, Func<int, (MutationKind Kind, byte[] Bytes)> mutate, Action<string> load,
        Type[] documented, Func<long, long> allocationBound, TimeSpan slowest)
    {
        var perKind = Enum.GetValues<MutationKind>().ToDictionary(k => k, _ => 0);
        int rejected = 0, accepted = 0;
        TimeSpan worst = TimeSpan.Zero;
        long mostAllocated = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            (MutationKind kind, byte[] bytes) = mutate(i);
            perKind[kind]++;
            File.WriteAllBytes(path, bytes);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                load(path);
                accepted++;
            }
            catch (Exception e) when (documented.Any(t => t.IsInstanceOfType(e)))
            {
                rejected++;
                Assert.That(e.Message, Does.Not.Contain('\n'), $"mutation {i} ({kind}): the message is one line");
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} ({kind}, {bytes.Length} bytes) threw {e.GetType().Name}, not one of " +
                            $"{string.Join(", ", documented.Select(t => t.Name))}: {e.Message}");
            }
            TimeSpan took = clock.Elapsed;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.That(took, Is.LessThan(slowest), $"mutation {i} ({kind}) took {took.TotalMilliseconds:F0} ms");
            Assert.That(allocated, Is.LessThanOrEqualTo(allocationBound(bytes.Length)),
                $"mutation {i} ({kind}, {bytes.Length} bytes) allocated {allocated} bytes");
            worst = took > worst ? took : worst;
            mostAllocated = Math.Max(mostAllocated, allocated);
        }
        return new Report(perKind, rejected, accepted, worst, mostAllocated, total.Elapsed);
    }
}
