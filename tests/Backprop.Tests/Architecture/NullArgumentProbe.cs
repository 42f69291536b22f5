using System.Collections;
using System.Numerics;
using System.Reflection;
using Backprop.Activations;
using Backprop.Data;
using Backprop.Data.Preprocessing;
using Backprop.Estimators;
using Backprop.Layers;
using Backprop.Losses;
using Backprop.Serialization;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Architecture;

/// <summary>
/// Calls a public method or constructor with null for one reference parameter (declared non-nullable) and simple valid
/// values for the others, and says what happened: the .NET convention is an <see cref="ArgumentNullException"/> whose
/// <see cref="ArgumentException.ParamName"/> is that parameter, thrown before any other work.
/// </summary>
public static class NullArgumentProbe
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// The string given for every string parameter: a name no registry knows and a path in a folder that does not exist, so
    /// that a member that goes on past the null writes no file.
    /// </summary>
    public static readonly string Nowhere = Path.Combine(Path.GetTempPath(), $"backprop-null-probe-{Guid.NewGuid():N}", "x");

    /// <summary>The public types of <paramref name="assembly"/> whose members are probed, generic ones closed over double.</summary>
    public static IEnumerable<Type> Types(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => !t.IsInterface && !t.IsEnum && !typeof(Delegate).IsAssignableFrom(t))
            .Select(t => t.IsGenericTypeDefinition ? Close(t) : t).OfType<Type>();

    private static Type? Close(Type definition)
    {
        try { return definition.MakeGenericType(definition.GetGenericArguments().Select(_ => typeof(double)).ToArray()); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The public constructors and methods of <paramref name="type"/> that take a non-nullable reference parameter.</summary>
    public static IEnumerable<MethodBase> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<MethodBase> members = type.IsAbstract ? [] : type.GetConstructors(flags);
        members = members.Concat(type.GetMethods(flags).Where(m => !m.IsAbstract && !IsRecordPlumbing(m))
            .Select(m => m.IsGenericMethodDefinition ? Close(m) : m)
            .OfType<MethodBase>());
        // A span cannot be passed through reflection: members that take one are left out (their other arguments are checked
        // by hand where it matters, e.g. ModelFile.Parse).
        return members.Where(m => m.GetParameters().Any(NonNullableReference) && !m.GetParameters().Any(p => p.ParameterType.IsByRefLike));
    }

    private static MethodBase? Close(MethodInfo definition)
    {
        try { return definition.MakeGenericMethod(definition.GetGenericArguments().Select(_ => typeof(double)).ToArray()); }
        catch (ArgumentException) { return null; }
    }

    private static bool IsRecordPlumbing(MethodInfo m) =>
        (m.IsSpecialName && !m.Name.StartsWith("op_", StringComparison.Ordinal))   // property and event accessors: data, not calls
        || m.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "<Clone>$" or "PrintMembers" or "op_Equality" or "op_Inequality";

    /// <summary>A reference-type parameter that the member's nullable annotations say must not be null.</summary>
    public static bool NonNullableReference(ParameterInfo p) =>
        !p.ParameterType.IsValueType && !p.ParameterType.IsByRef && !p.ParameterType.IsPointer
        && Nullability.Create(p).WriteState == NullabilityState.NotNull;

    /// <summary>How a member is named in messages and in the list of known gaps: <c>Type.Member(parameter types): parameter</c>.</summary>
    public static string Name(MethodBase member, ParameterInfo parameter)
    {
        string type = member.DeclaringType!.IsGenericType ? member.DeclaringType.Name.Split('`')[0] + "<T>" : member.DeclaringType.Name;
        string signature = string.Join(",", member.GetParameters().Select(p => Short(p.ParameterType)));
        return $"{type}.{(member.IsConstructor ? "ctor" : member.Name)}({signature}): {parameter.Name}";
    }

    private static string Short(Type t) => t.IsGenericType ? t.Name.Split('`')[0] : t.Name;

    /// <summary>
    /// Null for <paramref name="parameter"/>: null when the member threw <see cref="ArgumentNullException"/> naming it,
    /// otherwise what happened instead (or why the call could not be made, starting with "cannot call").
    /// </summary>
    public static string? Probe(MethodBase member, ParameterInfo parameter)
    {
        object? target = null;
        if (!member.IsStatic && !member.IsConstructor && !TrySample(member.DeclaringType!, out target))
            return $"cannot call: no instance of {Short(member.DeclaringType!)}";
        var arguments = new object?[member.GetParameters().Length];
        foreach (var p in member.GetParameters())
        {
            if (p == parameter) continue;
            if (p.HasDefaultValue && p.ParameterType.IsValueType) arguments[p.Position] = p.DefaultValue ?? Activator.CreateInstance(p.ParameterType);
            else if (!TrySample(p.ParameterType, out arguments[p.Position]))
            {
                if (!NonNullableReference(p)) arguments[p.Position] = p.HasDefaultValue ? p.DefaultValue : null;
                else return $"cannot call: no value for {p.Name} ({Short(p.ParameterType)})";
            }
        }
        Exception? thrown = null;
        try
        {
            object? result = member is ConstructorInfo c ? c.Invoke(arguments) : member.Invoke(target, arguments);
            if (result is Task task) task.GetAwaiter().GetResult();
            if (result is IEnumerable sequence and not string) foreach (object? _ in sequence) { }   // a lazy sequence checks when enumerated
        }
        catch (TargetInvocationException e) { thrown = e.InnerException; }
        catch (Exception e) { thrown = e; }
        return thrown switch
        {
            ArgumentNullException n when n.ParamName == parameter.Name => null,
            ArgumentNullException n => $"ArgumentNullException naming '{n.ParamName}'",
            null => "no exception",
            _ => $"{thrown.GetType().Name}: {thrown.Message.Split('\n')[0]}",
        };
    }

    private static readonly Lazy<CsvTable> Labelled =
        new(() => CsvTable.Read(new MemoryStream("x,z,y\n1,2,a\n2,1,b\n3,4,a\n4,3,b\n5,6,a\n6,5,b\n"u8.ToArray()), "t.csv"));

    private static readonly Lazy<MlpClassifier> Classifier =
        new(() => (MlpClassifier)new MlpClassifier(new MlpOptions { HiddenLayers = [2], Epochs = 2 }).Fit(Labelled.Value, "y"));

    private static readonly Lazy<MlpRegressor> Regressor =
        new(() => (MlpRegressor)new MlpRegressor(new MlpOptions { HiddenLayers = [2], Epochs = 2 }).Fit(Labelled.Value, "z"));

    [ThreadStatic] private static int t_depth;

    /// <summary>A simple valid value of <paramref name="type"/> (fitted estimators are shared, the rest made fresh for each call).</summary>
    public static bool TrySample(Type type, out object? value)
    {
        value = Sample(type) ?? Constructed(type);
        if (value is not null) return true;
        if (type.IsValueType) { value = Activator.CreateInstance(type); return true; }
        return false;
    }

    private static object? Sample(Type type)
    {
        if (type == typeof(string) || type == typeof(object)) return Nowhere;
        if (type == typeof(Stream)) return new MemoryStream();
        if (type == typeof(TextWriter)) return new StringWriter();
        if (type == typeof(TextReader)) return new StringReader("x\n1\n");
        if (type == typeof(Matrix<double>)) return Matrix<double>.FromArray(new double[,] { { 0.5, 1 }, { 1, 0.5 } });
        if (type == typeof(Matrix<float>)) return Matrix<float>.FromArray(new double[,] { { 0.5, 1 }, { 1, 0.5 } });
        if (type == typeof(Network<double>)) return Network<double>.Create(2, [new LayerSpec(2, "sigmoid")], seed: 1);
        if (type == typeof(ModelDocument)) return ModelDocument.FromNetwork(Network<double>.Create(2, [new LayerSpec(2, "sigmoid")], seed: 1));
        if (type == typeof(CsvTable)) return CsvTable.Read(new MemoryStream("x,y\n1,a\n2,b\n3,a\n4,b\n"u8.ToArray()), "t.csv");
        if (type == typeof(Activation)) return ActivationRegistry.Get("sigmoid");
        if (type == typeof(Loss)) return new SquaredError();
        if (type == typeof(LayerSpec)) return new LayerSpec(2, "sigmoid");
        if (type == typeof(Objective)) return new Objective(new SquaredError());
        if (type == typeof(MlpClassifier) || type == typeof(MlpEstimator)) return Classifier.Value;
        if (type == typeof(MlpRegressor)) return Regressor.Value;
        if (type == typeof(Preprocessor)) return Classifier.Value.Preprocessor;
        if (type == typeof(DenseLayer<double>)) return Network<double>.Create(2, [new LayerSpec(2, "sigmoid")], seed: 1).Layers[0];
        if (type == typeof(DropoutLayer<double>)) return new DropoutLayer<double>(2, 0.5, 0);
        if (type == typeof(TableSplit)) return TableSplit.Of(4, 0.25, shuffle: false, seed: 1);
        if (type == typeof(Dataset))
            return new Dataset(Matrix<double>.FromArray(new double[,] { { 1, 2 } }), Matrix<double>.FromArray(new double[,] { { 1 } }),
                ["a", "b"], ["c"]);
        if (type == typeof(Func<MlpOptions, MlpEstimator>)) return (Func<MlpOptions, MlpEstimator>)(o => new MlpClassifier(o));
        if (type == typeof(Func<MlpEstimator>))
            return (Func<MlpEstimator>)(() => new MlpClassifier(new MlpOptions { HiddenLayers = [2], Epochs = 2 }));
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Action<>)) return null;
        if (type.IsArray && type.GetArrayRank() == 2) return Array.CreateInstance(type.GetElementType()!, 2, 2);
        if (type.IsArray) return Filled(type.GetElementType()!, Array.CreateInstance(type.GetElementType()!, 2));
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(IReadOnlyList<>) || g == typeof(IEnumerable<>) || g == typeof(IList<>) || g == typeof(IReadOnlyCollection<>)))
            return Filled(type.GetGenericArguments()[0], Array.CreateInstance(type.GetGenericArguments()[0], 2));
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>)))
            return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()));
        if (typeof(Delegate).IsAssignableFrom(type)) return null;
        if (type.IsAbstract || type.IsInterface) return null;
        var parameterless = type.GetConstructor(Type.EmptyTypes);
        if (parameterless is not null)
        {
            try { return parameterless.Invoke(null); }
            catch (TargetInvocationException) { return null; }
        }
        return null;
    }

    /// <summary>A value made by the public constructor with the fewest parameters, from samples of those (three levels deep at most).</summary>
    private static object? Constructed(Type type)
    {
        if (type.IsAbstract || type.IsInterface || typeof(Delegate).IsAssignableFrom(type) || t_depth >= 3) return null;
        t_depth++;
        try
        {
            foreach (var constructor in type.GetConstructors().OrderBy(c => c.GetParameters().Length))
            {
                var arguments = new object?[constructor.GetParameters().Length];
                bool made = constructor.GetParameters().All(p =>
                    p.HasDefaultValue ? (arguments[p.Position] = p.DefaultValue) is var _ : TrySample(p.ParameterType, out arguments[p.Position]));
                if (!made) continue;
                try { return constructor.Invoke(arguments); }
                catch (TargetInvocationException) { }
            }
            return null;
        }
        finally { t_depth--; }
    }

    private static Array? Filled(Type element, Array array)
    {
        for (int i = 0; i < array.Length; i++)
        {
            object? item = element == typeof(string) ? (i == 0 ? Nowhere : "y") : element == typeof(int) ? i : element == typeof(double) ? 1.0 + i
                : Sample(element);
            if (item is null && !element.IsValueType) return null;
            if (item is not null) array.SetValue(item, i);
        }
        return array;
    }
}
