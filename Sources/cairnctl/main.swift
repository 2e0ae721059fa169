import CairnCLI

await CairnctlMain.run()
