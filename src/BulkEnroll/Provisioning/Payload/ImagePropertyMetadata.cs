using System;
using System.Collections.Generic;
using System.Globalization;

namespace BulkEnroll.Provisioning.Payload;

/// <summary>Recovers PackageConfig (ID, name, version, owner, rank) from the image properties of a package.</summary>
internal static class ImagePropertyMetadata
{
    public static void ApplyTo(PackageDefinition definition, IEnumerable<ImageProperty> properties)
    {
        foreach (ImageProperty property in properties)
        {
            switch (property.Name.ToUpperInvariant())
            {
                case PackageImageProperties.Name:
                    definition.Name = property.Value;
                    break;
                case PackageImageProperties.Version:
                    definition.Version = property.Value;
                    break;
                case PackageImageProperties.PackageId when Guid.TryParse(property.Value, out Guid id):
                    definition.PackageId = id;
                    break;
                case PackageImageProperties.Altitude
                    when int.TryParse(property.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int altitude)
                    && PackageAltitude.TryParse(altitude, out PackageOwnerType owner, out int rank):
                    definition.OwnerType = owner;
                    definition.Rank = rank;
                    break;
            }
        }
    }
}
