namespace Backprop.ModelSelection;

/// <summary>One fold of a K-fold split: the rows to fit on and the rows to score on, each in ascending order.</summary>
/// <param name="Index">The fold's number, from 0.</param>
/// <param name="Train">The rows of every other fold.</param>
/// <param name="Test">The fold's own rows.</param>
public sealed record Fold(int Index, int[] Train, int[] Test);
