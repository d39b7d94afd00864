// FramedRPCTCP
