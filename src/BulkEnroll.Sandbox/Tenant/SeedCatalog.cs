namespace BulkEnroll.Sandbox.Tenant;

/// <summary>Fixed vocabularies the seeder draws from. Order matters: changing it changes seeded data.</summary>
internal static class SeedCatalog
{
    // Microsoft's demo-tenant people first, so small tenants have familiar names (adele.vance@...).
    public static readonly (string First, string Last)[] DemoPeople =
    [
        ("Adele", "Vance"), ("Alex", "Wilber"), ("Diego", "Siciliani"), ("Grady", "Archie"),
        ("Henrietta", "Mueller"), ("Isaiah", "Langer"), ("Johanna", "Lorenz"), ("Joni", "Sherman"),
        ("Lee", "Gu"), ("Lidia", "Holloway"), ("Lynne", "Robbins"), ("Megan", "Bowen"),
        ("Miriam", "Graham"), ("Nestor", "Wilke"), ("Patti", "Fernandez"), ("Pradeep", "Gupta"),
    ];

    public static readonly string[] FirstNames =
    [
        "Aaron", "Amelia", "Ana", "Ben", "Camille", "Chen", "Chloe", "Daniel", "Elena", "Emma", "Farah", "Felix",
        "Grace", "Hannah", "Hugo", "Ines", "Ivan", "Jade", "James", "Julia", "Kenji", "Laura", "Leo", "Lucas",
        "Maya", "Mohammed", "Nadia", "Noah", "Olivia", "Omar", "Paul", "Priya", "Rafael", "Sara", "Sofia", "Tom",
        "Uma", "Victor", "Yuki", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Adams", "Bernard", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski",
        "Lambert", "Martin", "Nakamura", "Novak", "Okafor", "Petit", "Quinn", "Rossi", "Silva", "Schmidt", "Tanaka",
        "Umar", "Vasquez", "Weber", "Xu", "Yilmaz", "Zimmermann", "Moreau", "Larsen",
    ];

    public static readonly (string Name, string Description, int Priority, string? DomainRule)[] Spaces =
    [
        ("Global", "Default device space", 0, null),
        ("Paris Office", "Devices of the Paris office", 1, "ACCOUNTGROUP EQ 'Paris'"),
        ("Lab Devices", "Test and lab devices", 2, "ACCOUNTGROUP EQ 'Lab'"),
        ("Kiosks", "Shared kiosk devices", 3, "ACCOUNTGROUP EQ 'Kiosk'"),
        ("Contractors", "Contractor devices", 4, "ACCOUNTGROUP EQ 'Contractors'"),
    ];

    // Windows models as WMI (Win32_ComputerSystemProduct) reports them. SerialFormat: D = digit,
    // A = upper-case letter or digit; it mimics each vendor's serial style.
    public static readonly (HardwareModel Model, string SerialFormat)[] WindowsModels =
    [
        (new("Dell Inc.", "Latitude 5440", "Latitude 5440", "13th Gen Intel(R) Core(TM) i5-1345U", "GenuineIntel", 10, 12, 1600, 16L << 30, "SK Hynix", "KXG80ZNV512G KIOXIA", 512_110_190_592), "AAAAAAA"),
        (new("Dell Inc.", "OptiPlex 7010", "OptiPlex 7010", "13th Gen Intel(R) Core(TM) i7-13700", "GenuineIntel", 16, 24, 2100, 32L << 30, "Samsung", "PC SN740 NVMe WD 512GB", 512_110_190_592), "AAAAAAA"),
        (new("LENOVO", "21HD000QUS", "ThinkPad T14 Gen 4", "13th Gen Intel(R) Core(TM) i7-1365U", "GenuineIntel", 10, 12, 1800, 32L << 30, "Samsung", "SAMSUNG MZVL2512HCJQ-00BL7", 512_110_190_592), "PFAAAAAA"),
        (new("LENOVO", "21K5000AUS", "ThinkPad X1 Carbon Gen 12", "Intel(R) Core(TM) Ultra 7 155U", "GenuineIntel", 12, 14, 1700, 32L << 30, "Micron", "Micron MTFDKBA1T0QFM", 1_024_209_543_168), "PFAAAAAA"),
        (new("HP", "HP EliteBook 840 G10", "EliteBook 840 G10", "13th Gen Intel(R) Core(TM) i5-1345U", "GenuineIntel", 10, 12, 1600, 16L << 30, "Micron", "KIOXIA KBG50ZNV512G", 512_110_190_592), "5CGDDDAAAA"),
        (new("HP", "HP ProDesk 400 G9", "ProDesk 400 G9", "12th Gen Intel(R) Core(TM) i5-12500", "GenuineIntel", 6, 12, 3000, 16L << 30, "Samsung", "SAMSUNG MZVL4256HBJD-00BH1", 256_052_966_400), "8CCDDDAAAA"),
        (new("Microsoft Corporation", "Surface Laptop 5", "Surface Laptop 5", "12th Gen Intel(R) Core(TM) i5-1245U", "GenuineIntel", 10, 12, 1600, 16L << 30, "Micron", "Micron 2450 NVMe 256GB", 256_060_514_304), "DDDDDDDDDDDD"),
    ];

    public static readonly (string Build, string Edition)[] WindowsBuilds =
    [
        ("10.0.26100.2314", "Windows 11 Pro"),
        ("10.0.26100.2314", "Windows 11 Enterprise"),
        ("10.0.22631.4460", "Windows 11 Pro"),
        ("10.0.22631.4460", "Windows 11 Enterprise"),
        ("10.0.19045.5131", "Windows 10 Pro"),
        ("10.0.19045.5131", "Windows 10 Enterprise"),
    ];

    public static readonly (HardwareModel Model, string SerialFormat, string OsVersion, string OsBuild)[] IosModels =
    [
        (new("Apple Inc.", "iPhone15,2", "iPhone 14 Pro", "Apple A16 Bionic", "Apple", 6, 6, 3460, 6L << 30, "Apple", "Apple NAND", 128_000_000_000), "AAAAAAAAAA", "17.6.1", "21G93"),
        (new("Apple Inc.", "iPhone16,1", "iPhone 15 Pro", "Apple A17 Pro", "Apple", 6, 6, 3780, 8L << 30, "Apple", "Apple NAND", 256_000_000_000), "AAAAAAAAAA", "18.1", "22B83"),
        (new("Apple Inc.", "iPad13,18", "iPad (10th generation)", "Apple A14 Bionic", "Apple", 6, 6, 3000, 4L << 30, "Apple", "Apple NAND", 64_000_000_000), "AAAAAAAAAA", "18.1", "22B83"),
    ];

    public static readonly (HardwareModel Model, string SerialFormat, string OsVersion, string OsBuild)[] AndroidModels =
    [
        (new("samsung", "SM-S921B", "Galaxy S24", "Exynos 2400", "Samsung", 10, 10, 3200, 8L << 30, "Samsung", "UFS 4.0", 128_000_000_000), "RAADAAAAAAA", "14", "UP1A.231005.007"),
        (new("Google", "Pixel 8", "Pixel 8", "Google Tensor G3", "Google", 9, 9, 2910, 8L << 30, "Samsung", "UFS 3.1", 128_000_000_000), "DDAAAAAAAAAAAA", "15", "AP3A.241105.007"),
    ];

    // Vendor prefixes (OUIs) for Wi-Fi MAC addresses: Intel, Realtek, MediaTek.
    public static readonly ulong[] MacPrefixes = [0xA45E60, 0x00E04C, 0x0CCB85];
}
