"""Story clustering: reports about one real-world event grouped, stories threaded over time.

features.py   what a report offers for comparison (words, names, numbers, dates)
vectors.py    tf-idf vectors, running document frequencies, story centroids
options.py    StoryOptions and the values they were tuned to
split.py      whether a story's reports form two separate events (spectral bisection)
clusterer.py  StoryClusterer (incremental, with batch refinement), cluster_documents, thread links
"""

from storyline.stories.clusterer import StoryClusterer, StoryDocument, cluster_documents
from storyline.stories.options import StoryOptions

__all__ = ["StoryClusterer", "StoryDocument", "StoryOptions", "cluster_documents"]
