using System.Reflection;

namespace Backprop.Tests.Architecture;

/// <summary>
/// The public surface of Backprop.dll and of the satellite assemblies this project references (the ML.NET trainers' list
/// is checked in Backprop.MLNet.Tests): each assembly's exported types are the checked-in list, and Backprop.dll stays
/// well under 150 public types — the library's story (networks, layers, activations, losses, optimisers, the estimators,
/// tables, the model file, explain, model selection), not its plumbing.
/// </summary>
public class PublicApiTests
{
    public static TheoryData<string> Assemblies() =>
        new() { "Backprop", "Backprop.Onnx", "Backprop.Parquet", "Backprop.Plotting", "Backprop.Playground" };

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void The_exported_types_are_the_checked_in_list(string assembly) => PublicTypeList.Check(Load(assembly));

    [Fact]
    public void Backprop_dll_exports_fewer_than_150_types()
    {
        int count = PublicTypeList.Exported(typeof(Backprop.Tensors.Matrix<>).Assembly).Count;
        Assert.True(count < 150, $"Backprop.dll exports {count} types; the library's public story is well under 150");
    }

    [Fact]
    public void The_generated_onnx_messages_are_not_public()
    {
        var onnx = Load("Backprop.Onnx");
        Assert.DoesNotContain(onnx.GetExportedTypes(), t => t.Namespace == "Backprop.Onnx.Proto");
        Assert.NotNull(onnx.GetType("Backprop.Onnx.Proto.ModelProto"));   // still there, inside
    }
}
