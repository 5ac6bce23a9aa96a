"""Text encoders shared by stages: a NumPy BERT forward pass (``bert``) and the same layers in onnxruntime (``bert_onnx``).

Kept out of any one stage because analyze (the attribution frame encoder) and stories (sentence
embeddings) both use them; nothing here imports a stage.
"""
