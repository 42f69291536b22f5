using Backprop.Tests.Architecture;

namespace Backprop.MLNet.Tests;

/// <summary>The ML.NET trainers' public types are the checked-in list (<c>PublicTypes/Backprop.MLNet.txt</c> beside Backprop.dll's).</summary>
public class PublicApiTests
{
    [Fact]
    public void The_exported_types_are_the_checked_in_list() => PublicTypeList.Check(typeof(BackpropCatalog).Assembly);
}
