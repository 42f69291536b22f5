// The description of a run (MlpOptions, FitControl) is used throughout this project.
global using Backprop.Runs;
