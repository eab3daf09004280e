using System.Runtime.InteropServices;

namespace NetTrainer.Persistence;

/// <summary>What kind of file a path names, after following symbolic links.</summary>
public enum FileKind
{
    /// <summary>Nothing there: stat fails, as for a symbolic link that leads nowhere.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A character or block device, a FIFO or a socket: written in place, never replaced by a rename.</summary>
    Special,
}

/// <summary>
/// The file a path names, as the operating system sees it (stat): its kind and its device and inode, so two paths
/// that reach one file (a symlink, a hard link, "dir/../x") compare equal. .NET exposes neither the file type nor
/// the inode, so this asks the runtime's own native shim (libSystem.Native's SystemNative_Stat, a fixed layout
/// on every Unix).
/// </summary>
public readonly record struct FileIdentity(FileKind Kind, long Device, long Inode)
{
    // SystemNative_Stat's FileStatus: int32 Flags, int32 Mode, uint32 Uid, Gid, int64 Size, 8 int64 times,
    // int64 Dev, RDev, Ino, uint32 UserFlags. The offsets below are those fields'; the buffer leaves room to spare.
    private const int ModeOffset = 4, DeviceOffset = 88, InodeOffset = 104, StatusBytes = 256;

    // The shim's own file-type constants (pal_io.h), the same on every Unix.
    private const int TypeMask = 0xF000, DirectoryType = 0x4000, RegularType = 0x8000;

    /// <summary>What <paramref name="path"/> names now, following symbolic links; Missing when nothing is there.</summary>
    public static FileIdentity Of(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var status = new byte[StatusBytes];
            if (Stat(path, status) != 0)
                return new FileIdentity(FileKind.Missing, 0, 0);
            int type = BitConverter.ToInt32(status, ModeOffset) & TypeMask;
            FileKind kind = type switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            };
            return new FileIdentity(kind, BitConverter.ToInt64(status, DeviceOffset), BitConverter.ToInt64(status, InodeOffset));
        }
        // Windows has no devices or FIFOs among ordinary paths; the full path stands in for the inode.
        if (Directory.Exists(path))
            return new FileIdentity(FileKind.Directory, 0, StringComparer.OrdinalIgnoreCase.GetHashCode(Path.GetFullPath(path)));
        return File.Exists(path)
            ? new FileIdentity(FileKind.Regular, 0, StringComparer.OrdinalIgnoreCase.GetHashCode(Path.GetFullPath(path)))
            : new FileIdentity(FileKind.Missing, 0, 0);
    }

    /// <summary>Whether both paths name one existing file.</summary>
    public bool SameFileAs(FileIdentity other) => Kind != FileKind.Missing && other.Kind != FileKind.Missing && this == other;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
