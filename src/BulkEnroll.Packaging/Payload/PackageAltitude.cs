using System;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The image's ALTITUDE: 1000 per owner type step (Microsoft 0 … ITAdmin 5000) plus the rank, so that
/// precedence is a single number. Confirmed on genuine packages (OEM 2000, SystemIntegrator 3050, ITAdmin 5000).
/// </summary>
internal static class PackageAltitude
{
    private const int OwnerStep = 1000;

    public static int Of(PackageOwnerType owner, int rank)
    {
        if (!Enum.IsDefined(typeof(PackageOwnerType), owner))
        {
            throw new ArgumentOutOfRangeException(nameof(owner));
        }

        if (rank < 0 || rank > PackageDefinitionValidator.MaxRank)
        {
            throw new ArgumentOutOfRangeException(nameof(rank));
        }

        return ((int)owner * OwnerStep) + rank;
    }

    public static bool TryParse(int altitude, out PackageOwnerType owner, out int rank)
    {
        owner = (PackageOwnerType)(altitude / OwnerStep);
        rank = altitude % OwnerStep;
        return altitude >= 0 && Enum.IsDefined(typeof(PackageOwnerType), owner) && rank <= PackageDefinitionValidator.MaxRank;
    }
}
