Console.WriteLine("sandbox placeholder");
