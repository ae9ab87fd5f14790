import ArgumentParser
public struct GenerateCommand: ParsableCommand { public init() {} }
