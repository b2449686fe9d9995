using System;
using System.Collections.Generic;
using System.Globalization;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Recovers PackageConfig (ID, name, version, owner, rank) from the image properties of a package.</summary>
internal static class ImagePropertyMetadata
{
    /// <returns>
    /// The PackageConfig fields (names of <see cref="PackageDefinition"/> properties) the image set; a WIM captured by
    /// another tool may carry none, and what it lacks says nothing about the package.
    /// </returns>
    public static ISet<string> ApplyTo(PackageDefinition definition, IEnumerable<ImageProperty> properties)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (ImageProperty property in properties)
        {
            switch (property.Name.ToUpperInvariant())
            {
                case PackageImageProperties.Name:
                    definition.Name = property.Value;
                    applied.Add(nameof(PackageDefinition.Name));
                    break;
                case PackageImageProperties.Version:
                    definition.Version = property.Value;
                    applied.Add(nameof(PackageDefinition.Version));
                    break;
                case PackageImageProperties.PackageId when Guid.TryParse(property.Value, out Guid id):
                    definition.PackageId = id;
                    applied.Add(nameof(PackageDefinition.PackageId));
                    break;
                case PackageImageProperties.Altitude
                    when int.TryParse(property.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int altitude)
                    && PackageAltitude.TryParse(altitude, out PackageOwnerType owner, out int rank):
                    definition.OwnerType = owner;
                    definition.Rank = rank;
                    applied.Add(nameof(PackageDefinition.OwnerType));
                    applied.Add(nameof(PackageDefinition.Rank));
                    break;
            }
        }

        return applied;
    }
}
